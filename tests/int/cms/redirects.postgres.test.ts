import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { redirectsSuite } from './redirects.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => redirectsSuite('postgres'));
