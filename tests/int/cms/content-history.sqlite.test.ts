import { contentHistorySuite } from './content-history.suite.js';

contentHistorySuite('sqlite');
