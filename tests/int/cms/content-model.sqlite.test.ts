import { contentModelSuite } from './content-model.suite.js';

contentModelSuite('sqlite');
