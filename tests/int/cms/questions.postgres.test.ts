import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { questionsSuite } from './questions.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => questionsSuite('postgres'));
