import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { auditLogSuite } from './audit-log.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => auditLogSuite('postgres'));
