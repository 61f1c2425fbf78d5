import path from 'node:path';
import { defineCommand } from '../cli/command.js';
import { marketplaceInput } from '../marketplace/marketplace-input.js';
import { REGISTRY_OPTION } from '../marketplace/marketplace-options.js';
import { runCreateDowncity } from '../marketplace/run-create-downcity.js';

/** `downcity plugins new <name>`: scaffold a plugin package with create-downcity. */
export const pluginsNewCommand = defineCommand({
  name: 'plugins new',
  summary: 'Scaffold a plugin package to publish (manifest, typed handlers, tests, README, lint)',
  args: '<name>',
  minArgs: 1,
  maxArgs: 1,
  options: {
    attach: { type: 'string', valueName: 'points', description: 'Extension points to attach to, comma-separated (default chat/before-reply)' },
    dir: { type: 'string', valueName: 'folder', description: 'Where to write it (default: ./<name without scope>)' },
    'package-manager': { type: 'string', valueName: 'npm|pnpm', description: 'Install with this package manager (default: the one running downcity, else npm)' },
    'no-install': { type: 'boolean', description: 'Write the files only' },
    force: { type: 'boolean', description: 'Write into a non-empty folder (existing files are kept)' },
    local: { type: 'string', valueName: 'workspace', description: 'Link @downcity/* to a Downcity checkout instead of released versions' },
    ...REGISTRY_OPTION,
  },
  details: [
    'Runs create-downcity --plugin <name> --yes, the scaffold `npm create downcity -- --plugin` uses. The manifest id is the',
    'name without scope and "downcity-plugin-" prefix. Points: chat/authorize, chat/inbound, chat/before-reply, chat/after-reply,',
    'chat/session, task/before-run, task/after-run, shell/before-exec, shell/after-exec, agent/identity.',
    'Then: npm run build, npm test, `downcity plugins lint <folder>`, npm publish.',
  ],
  async run(context) {
    const name = context.args[0] as string;
    const option = (key: string): string | undefined => (typeof context.options[key] === 'string' ? (context.options[key] as string) : undefined);
    const unscoped = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
    const directory = path.resolve(context.cwd, option('dir') ?? unscoped);
    const { registry } = marketplaceInput(context);
    await runCreateDowncity({
      context,
      env: registry ? { npm_config_registry: registry } : {},
      args: [
        '--plugin',
        name,
        directory,
        '--yes',
        ...(option('attach') ? ['--attach', option('attach') as string] : []),
        ...(option('package-manager') ? ['--package-manager', option('package-manager') as string] : []),
        ...(context.options['no-install'] === true ? ['--no-install'] : []),
        ...(context.options.force === true ? ['--force'] : []),
        ...(option('local') ? ['--local', path.resolve(context.cwd, option('local') as string)] : []),
      ],
    });
    context.output.result({ name, directory, attach: (option('attach') ?? 'chat/before-reply').split(',').map((point) => point.trim()), installed: context.options['no-install'] !== true }, () => []);
  },
});
