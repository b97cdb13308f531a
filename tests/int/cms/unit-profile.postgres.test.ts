import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { unitProfileSuite } from './unit-profile.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => unitProfileSuite('postgres'));
