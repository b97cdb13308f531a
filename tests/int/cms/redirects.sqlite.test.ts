import { redirectsSuite } from './redirects.suite.js';

redirectsSuite('sqlite');
