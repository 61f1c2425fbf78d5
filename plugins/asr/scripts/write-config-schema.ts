/**
 * Writes the JSON Schema of the plugin config (generated from the zod `AsrConfigSchema`) into the
 * `downcity.config` field of package.json. Run after changing src/config.ts: `pnpm manifest`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { configJsonSchema } from '@downcity/core';
import { AsrConfigSchema } from '../src/config.js';

const file = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(await readFile(file, 'utf8')) as { downcity: Record<string, unknown> };
pkg.downcity.config = configJsonSchema(AsrConfigSchema);
await writeFile(file, `${JSON.stringify(pkg, null, 2)}\n`);
