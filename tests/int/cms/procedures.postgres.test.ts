import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { proceduresSuite } from './procedures.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => proceduresSuite('postgres'));
