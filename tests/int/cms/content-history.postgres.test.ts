import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { contentHistorySuite } from './content-history.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => contentHistorySuite('postgres'));
