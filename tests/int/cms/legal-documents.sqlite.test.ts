import { legalDocumentsSuite } from './legal-documents.suite.js';

legalDocumentsSuite('sqlite');
