import { defineService, type MountedRoute, type ServiceDefinition } from '@downcity/core';
import pkg from '../package.json' with { type: 'json' };
import { signInLinkAction } from './actions/sign-in-link-action.js';
import { chatData } from './api/chat-data.js';
import { contextData } from './api/console-data.js';
import { browsableOrigin } from './app/browsable-origin.js';
import { createConsoleApp } from './app/create-console-app.js';
import { defaultWebRoot } from './app/static-files.js';
import { ConsoleSessions } from './auth/console-sessions.js';
import { SignInLinks } from './auth/sign-in-links.js';
import { createWebChannel } from './chat/web-channel.js';
import { ConsoleConfigSchema } from './config.js';
import './points.js';

/**
 * The web console (`services.console`): served at `/console` on the agent's HTTP surface, to this machine only
 * unless `allowRemote` is set. `downcity console` prints a one-time sign-in link (the `console/sign-in-link`
 * action); opening it sets an httpOnly, SameSite=Strict session cookie. Pages: health (with a live log
 * tail), Chat (the operator talks to the agent through a web chat channel, `web`, it adds to the chat service
 * through `chat/channels`: decision 0015), chat sessions, approvals (pairing and shell commands, answered as the
 * operator: decision 0016), tasks, plugins (adds go into `context.agent.projectDir`, decision 0018) and memory.
 *
 * @example
 * ```ts
 * // downcity.config.ts
 * export default defineConfig({ services: { chat: { channels: { http: {} } }, console: {} } });
 * ```
 */
export const consoleService: ServiceDefinition<typeof ConsoleConfigSchema> = defineService({
  package: pkg,
  config: ConsoleConfigSchema,
  setup(context) {
    const { config } = context;
    const links = new SignInLinks({ ttlMs: config.linkTtlSeconds * 1000 });
    const sessions = new ConsoleSessions({ ttlMs: config.sessionTtlMinutes * 60_000 });
    // The Chat page's channel: the chat service connects it like its own (decision 0015).
    const web = config.chat ? createWebChannel({ logger: context.logger.child({ channel: 'web' }) }) : undefined;
    let route: MountedRoute | undefined;
    return {
      actions: { 'sign-in-link': signInLinkAction({ links, consoleUrl: () => (route ? `${browsableOrigin(route.url)}${config.path}` : undefined) }) },
      handlers: { 'chat/channels': (value) => (web ? { ...value, adapters: [...value.adapters, web.adapter] } : value) },
      async ready() {
        if (!context.http) {
          context.logger.warn('The agent has no HTTP surface, so the console is not served.');
          return;
        }
        const data = { ...contextData(context), ...(web ? { chat: chatData(context, web) } : {}) };
        const app = createConsoleApp({ path: config.path, links, sessions, data, webRoot: defaultWebRoot(), allowRemote: config.allowRemote, logger: context.logger });
        const mounted = await context.http.mount({ name: 'the console', path: config.path, fetch: app.fetch });
        route = mounted;
        context.onDispose(async () => {
          route = undefined;
          await mounted.unmount();
        });
        context.logger.info({ url: `${browsableOrigin(mounted.url)}${config.path}` }, 'console served; run `downcity console` for a sign-in link');
      },
    };
  },
});
