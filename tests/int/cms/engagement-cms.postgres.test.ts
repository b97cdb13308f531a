import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { engagementCmsSuite } from './engagement-cms.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => engagementCmsSuite('postgres'));
