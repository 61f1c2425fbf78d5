import { KNOWN_POINTS } from '../../plugin/extension-point-catalog.js';
import type { PluginShape } from './plugin-shape.js';
import { commented, lines, propertyKey } from '../render.js';

/**
 * The plugin's README: what it attaches to, its config, how to develop, test, lint and publish it.
 *
 * @param shape - the plugin shape
 */
export function pluginReadme(shape: PluginShape): string {
  const { options } = shape;
  const pm = options.packageManager;
  const run = pm === 'npm' ? 'npm run' : 'pnpm';
  const fields = shape.points.flatMap((point) => point.fields);
  return lines(
    `# ${options.name}`,
    '',
    `A [Downcity](https://github.com/downcity/downcity) plugin (id \`${options.id}\`).`,
    '',
    '## Install',
    '',
    '```sh',
    `npx downcity plugins add ${options.name}`,
    '```',
    '',
    '`plugins add` checks the manifest and the `@downcity/core` range, shows the permissions below, installs the package',
    'and adds it to `use` in `downcity.config.ts`.',
    '',
    '## What it does',
    '',
    '| extension point | kind | handler |',
    '| --- | --- | --- |',
    ...options.attach.map((point) => `| \`${point}\` | ${KNOWN_POINTS[point].kind} | \`src/handlers/${point.replace('/', '-')}.ts\` |`),
    '',
    'Permissions: no network, no programs, no files, no secrets.',
    '',
    '## Config',
    '',
    '```ts',
    `plugins: { ${propertyKey(options.id)}: { /* ... */ } }`,
    '```',
    '',
    ...(fields.length === 0 ? ['This plugin has no settings yet.'] : ['| key | default | what it does |', '| --- | --- | --- |', ...fields.map((field) => `| \`${field.key}\` | \`${JSON.stringify(field.default)}\` | ${field.description} |`)]),
    '',
    '`src/config.ts` is the single source of truth: the type comes from `z.infer`, and `build` writes its JSON Schema into',
    'the `downcity.config` field of package.json.',
    '',
    '## Develop',
    '',
    '```sh',
    ...commented([
      [`${run} build`, 'tsup, then scripts/write-config-schema.mjs updates the manifest'],
      [`${run} test`, 'vitest: a real agent from @downcity/testing with a scripted model'],
      [`${run} typecheck`, 'tsc --noEmit'],
      [`${run} lint`, 'the manifest lint: schema, keyword, core range, config schema, exports, files, README'],
    ]),
    '```',
    '',
    'Guards fail closed (a throw or timeout denies); a failing effect is logged and never breaks the main path; only one',
    'plugin may answer a resolve point. A handler for a point that is not in `attaches` refuses to start.',
    '',
    '## Publish',
    '',
    '```sh',
    ...commented([[`${pm} publish`, 'prepublishOnly builds, type-checks, tests and lints first']]),
    '```',
    '',
    'The keyword `downcity-plugin` makes it show up in `downcity plugins search`. Keep the `@downcity/core` peer range',
    'honest: agents refuse plugins whose range their core does not satisfy.',
  );
}
