import type { ProjectShape } from '../../project/project-shape.js';
import { commented, lines } from '../render.js';

const CHANNEL_NOTES: Record<ProjectShape['options']['channels'][number], string> = {
  terminal: '- **terminal**: `{run} chat` talks to the agent in this terminal.',
  http:
    '- **http**: give each user a token of their own with `npx downcity auth token create me` (while the agent runs) (printed once), then `curl -N http://127.0.0.1:8787/v1/messages -H "Authorization: Bearer <that token>" -H "content-type: application/json" -d \'{"text":"hi","chatId":"c1"}\'` streams the reply as `http:me` (send `Accept: application/json` for one JSON body). `DOWNCITY_HTTP_TOKEN` is a shared token: it speaks only as `http:shared`, never an owner.',
  telegram: '- **telegram**: create a bot with @BotFather (`/newbot`) and put its token in `TELEGRAM_BOT_TOKEN`.',
  feishu: '- **feishu**: create a custom app on open.feishu.cn, enable the bot, subscribe to `im.message.receive_v1` over the long connection, and set `FEISHU_APP_ID` / `FEISHU_APP_SECRET`.',
  qq: '- **qq**: create a bot on q.qq.com, set `QQ_APP_ID` / `QQ_APP_SECRET`, and point its callback URL at this machine through an HTTPS proxy.',
};

/**
 * The project's README: how to run, configure and test the agent, and how to add plugins.
 *
 * @param shape - the project shape
 */
export function projectReadme(shape: ProjectShape): string {
  const pm = shape.options.packageManager;
  const run = pm === 'npm' ? 'npm run' : 'pnpm';
  const exec = pm === 'npm' ? 'npx' : 'pnpm exec';
  const modelLine =
    shape.options.model === 'none'
      ? 'No model is configured yet: the agent starts and answers commands (`/help`), runs script tasks and searches memory. Add `model` to `downcity.config.ts` (see the comment there) to let it talk.'
      : `The model is set in \`downcity.config.ts\` (\`model\`); its key or endpoint comes from \`.env\`. \`DOWNCITY_MODEL=provider:model\` overrides it for one run.`;
  return lines(
    `# ${shape.options.name}`,
    '',
    'A [Downcity](https://github.com/downcity/downcity) agent.',
    '',
    '## Run',
    '',
    '```sh',
    ...commented([
      [`${pm} install`, 'if you used --no-install'],
      [`${run} chat`, 'talk to it in this terminal'],
      [`${pm} start`, 'run it on every configured channel, in the foreground'],
    ]),
    '```',
    '',
    '`.env` holds this machine\'s secrets (git-ignored); `.env.example` lists every variable and where to get it.',
    modelLine,
    '',
    '## Configure',
    '',
    '`downcity.config.ts` is the whole agent: `use` lists the packages to load, `services.<id>` and `plugins.<id>` configure',
    `them, and \`\${NAME}\` pulls a value from the environment. \`${exec} downcity config validate\` checks it, \`${exec} downcity doctor\``,
    'checks this machine (Node, store, channel credentials, bubblewrap, ffmpeg).',
    '',
    'Channels:',
    '',
    ...shape.options.channels.map((channel) => CHANNEL_NOTES[channel].replace('{run}', run)),
    '',
    'Everything the agent keeps (sessions, tasks, memories) is in `.downcity/downcity.db`.',
    '',
    '## Test',
    '',
    '```sh',
    ...commented([
      [`${run} test`, 'vitest: starts the agent with a scripted model and checks the greeting plugin'],
      [`${run} typecheck`, 'tsc --noEmit'],
    ]),
    '```',
    '',
    '`test/agent.test.ts` uses `@downcity/testing`: `startTestAgent` runs the real agent with an in-memory store and a',
    'scripted model (`harness.model?.enqueue({ text: ... })` scripts replies and tool calls); `startFakeOpenAI` is a',
    'loopback server speaking the OpenAI wire protocol, for tests through a real provider client.',
    '',
    '## Add plugins',
    '',
    `- From a registry: \`${exec} downcity plugins search <words>\`, then \`${exec} downcity plugins add <name>\`: it checks the`,
    '  manifest and core compatibility, shows the permissions the plugin asks for, installs it and adds it to `use`.',
    '- Local: copy `src/plugins/greeting.ts`, attach handlers to the extension points you need (`chat/inbound`,',
    '  `chat/before-reply`, `task/before-run`, ...), and add its path to `use`.',
    '- Publish your own: `npm create downcity@latest -- --plugin my-plugin` scaffolds a plugin package.',
    '',
    '## Layout',
    '',
    '```',
    'downcity.config.ts      the agent: packages, model, store, channels, plugin config',
    '.env.example            every environment variable, documented',
    'src/plugins/greeting.ts a local plugin: greets people who say hello',
    'test/agent.test.ts      the agent under test',
    '```',
  );
}
