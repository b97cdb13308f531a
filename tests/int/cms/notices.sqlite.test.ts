import { noticesSuite } from './notices.suite.js';

noticesSuite('sqlite');
