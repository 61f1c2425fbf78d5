// Writes manifest-schema.json (the JSON Schema of the `downcity` package.json field) from the built package.
import { writeFileSync } from 'node:fs';
import { manifestJsonSchema } from '../dist/index.js';

writeFileSync(new URL('../manifest-schema.json', import.meta.url), `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
