import { draftRulesSuite } from './cms-draft-rules.suite.js';

draftRulesSuite('sqlite');
