import { auditLogSuite } from './audit-log.suite.js';

auditLogSuite('sqlite');
