import { describe } from 'vitest';
import { engagementServiceSuite } from './engagement-service.suite.js';

describe('on SQLite', () => engagementServiceSuite('sqlite'));
