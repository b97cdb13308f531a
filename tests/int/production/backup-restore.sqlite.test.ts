import { backupRestoreSuite } from './backup-restore.suite.js';

backupRestoreSuite('sqlite');
