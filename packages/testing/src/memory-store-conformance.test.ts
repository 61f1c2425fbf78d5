import { createMemoryStore } from '@downcity/core';
import { describeStoreConformance } from './store-conformance.js';

describeStoreConformance('createMemoryStore from @downcity/core', () => createMemoryStore());
