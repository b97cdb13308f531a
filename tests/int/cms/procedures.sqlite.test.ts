import { proceduresSuite } from './procedures.suite.js';

proceduresSuite('sqlite');
