import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { contentModelSuite } from './content-model.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => contentModelSuite('postgres'));
