import { describe } from 'vitest';
import { postgresReachable } from '../../helpers/test-database.js';
import { legalDocumentsSuite } from './legal-documents.suite.js';

describe.skipIf(!(await postgresReachable()))('on PostgreSQL', () => legalDocumentsSuite('postgres'));
