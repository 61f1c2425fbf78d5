/**
 * Writes the JSON Schema of the service config (generated from the zod `ConfigSchema`) into the
 * `downcity.config` field of package.json. Run after changing src/service/config.ts: `pnpm manifest`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { configJsonSchema } from '@downcity/core';
import { ConfigSchema } from '../src/service/config.js';

const file = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(await readFile(file, 'utf8')) as { downcity: Record<string, unknown> };
pkg.downcity.config = configJsonSchema(ConfigSchema);
await writeFile(file, `${JSON.stringify(pkg, null, 2)}\n`);
