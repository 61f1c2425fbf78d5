// Writes the JSON Schema of the chat config into package.json's `downcity.config` (run after `tsup`).
// The test in src/manifest.test.ts fails when the two drift apart.
import { readFile, writeFile } from 'node:fs/promises';
import { configJsonSchema } from '@downcity/core';
import { ChatConfigSchema } from '../dist/index.js';

const file = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(await readFile(file, 'utf8'));
pkg.downcity.config = configJsonSchema(ChatConfigSchema);
await writeFile(file, `${JSON.stringify(pkg, null, 2)}\n`);
