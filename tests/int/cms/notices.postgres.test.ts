import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { noticesSuite } from './notices.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => noticesSuite('postgres'));
