import type { ProjectShape } from '../../project/project-shape.js';
import { lines, quote } from '../render.js';

/**
 * The sample local plugin, src/plugins/greeting.ts: an inline manifest attaching a typed pipeline handler to
 * `chat/before-reply` that greets people who say hello.
 *
 * @param shape - the project shape
 */
export function projectGreetingPlugin(shape: ProjectShape): string {
  const chatRange = `^${shape.source.version('@downcity/chat')}`;
  return lines(
    "import type {} from '@downcity/chat'; // brings the chat extension point types into scope",
    "import { definePlugin, type HandlerFor } from '@downcity/core';",
    "import { z } from 'zod';",
    '',
    '/** The plugin config, `plugins.greeting` in downcity.config.ts. The zod schema is the single source of truth. */',
    'export const GreetingConfigSchema = z',
    '  .object({',
    "    greeting: z.string().min(1).default('Hello').describe('The word replies to a hello start with.'),",
    '  })',
    '  .strict();',
    '',
    '/** The validated plugin config. */',
    'export type GreetingConfig = z.output<typeof GreetingConfigSchema>;',
    '',
    'const HELLO = /^\\s*(hi|hello|hey|hallo)\\b/i;',
    '',
    '/**',
    ' * Rewrites model replies to a message that starts with a hello: "Hello, Ada! <reply>".',
    ' *',
    ' * @param config - the plugin config',
    ' */',
    "export function greetBack(config: GreetingConfig): HandlerFor<'chat/before-reply'> {",
    '  return (draft) => {',
    "    if (draft.source !== 'model' || !HELLO.test(draft.message.text)) return draft;",
    "    const name = draft.message.sender.displayName ?? 'friend';",
    '    return { ...draft, text: `${config.greeting}, ${name}! ${draft.text}` };',
    '  };',
    '}',
    '',
    '/**',
    ' * A local plugin: listed in `use` as ./src/plugins/greeting.ts. The manifest is inline; a published plugin',
    ' * keeps it in its package.json instead (scaffold one with `npm create downcity@latest -- --plugin my-plugin`).',
    ' */',
    'export default definePlugin({',
    '  package: {',
    "    name: 'greeting',",
    "    version: '0.1.0',",
    '    downcity: {',
    "      id: 'greeting',",
    "      kind: 'plugin',",
    `      requires: { chat: ${quote(chatRange)} },`,
    "      attaches: { 'chat/before-reply': { kind: 'pipeline' } },",
    "      permissions: { network: false, exec: false, filesystem: 'none', secrets: [] },",
    '    },',
    '  },',
    '  config: GreetingConfigSchema,',
    "  setup: (context) => ({ handlers: { 'chat/before-reply': greetBack(context.config) } }),",
    '});',
  );
}
