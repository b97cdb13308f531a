import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { backupRestoreSuite } from './backup-restore.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => backupRestoreSuite('postgres'));
