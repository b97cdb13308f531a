import { engagementCmsSuite } from './engagement-cms.suite.js';

engagementCmsSuite('sqlite');
