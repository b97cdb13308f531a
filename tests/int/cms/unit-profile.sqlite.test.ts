import { unitProfileSuite } from './unit-profile.suite.js';

unitProfileSuite('sqlite');
