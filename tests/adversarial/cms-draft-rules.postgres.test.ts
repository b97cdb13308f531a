import { describe } from 'vitest';
import { postgresReachable } from '../helpers/test-database.js';
import { draftRulesSuite } from './cms-draft-rules.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => draftRulesSuite('postgres'));
