import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { engagementServiceSuite } from './engagement-service.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => engagementServiceSuite('postgres'));
