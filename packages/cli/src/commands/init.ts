import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { configTemplate } from '../init/config-template.js';
import { ENV_TEMPLATE } from '../init/env-template.js';

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** `downcity init`: writes `downcity.config.ts` and `.env.example` in the project folder. */
export const initCommand = defineCommand({
  name: 'init',
  summary: 'Write downcity.config.ts and .env.example here (never overwrites)',
  options: { name: { type: 'string', valueName: 'name', description: 'The agent name (default: the folder name)' } },
  async run(context) {
    const files = { config: path.join(context.cwd, 'downcity.config.ts'), env: path.join(context.cwd, '.env.example') };
    const taken = [];
    for (const file of Object.values(files)) if (await exists(file)) taken.push(path.basename(file));
    if (taken.length > 0) {
      throw new CliError(ExitCodes.refused, `Not overwriting ${taken.join(' and ')} in ${context.cwd}.`, {
        hint: 'Move the existing files away, or run `downcity init` in another folder (--cwd <dir>).',
        details: { existing: taken },
      });
    }
    const name = typeof context.options.name === 'string' ? context.options.name : path.basename(context.cwd) || 'my-agent';
    await writeFile(files.config, configTemplate(name), { flag: 'wx' });
    await writeFile(files.env, ENV_TEMPLATE, { flag: 'wx' });
    context.output.result({ created: [files.config, files.env] }, () => [
      `Created downcity.config.ts and .env.example in ${context.cwd}.`,
      'Next:',
      '  npm install @downcity/core @downcity/chat @downcity/cli',
      '  cp .env.example .env   # then set your model key',
      '  npx downcity chat',
    ]);
  },
});
