import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProject } from '@downcity/cli';
import { createLogger } from '@downcity/core';
import { createScriptedModel } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { startFakeTelegram } from './fake-telegram.js';
import { appDir } from './reference-project.js';

const silent = createLogger({ level: 'silent', destination: { write: () => {} } });
const TELEGRAM_TOKEN = '4242:surface-test-token';

/** A project using the reference agent's installed packages, with this config. */
async function project(config: string): Promise<{ dir: string } & AsyncDisposable> {
  const dir = await mkdtemp(path.join(tmpdir(), 'downcity-surface-'));
  await writeFile(path.join(dir, 'downcity.config.ts'), config);
  await symlink(path.join(appDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}

describe('one HTTP surface', () => {
  it('serves the HTTP channel, the Telegram webhook and the Feishu callback on one port, and closes it on stop', async () => {
    await using telegram = await startFakeTelegram(TELEGRAM_TOKEN);
    await using folder = await project(`export default {
  agent: { name: 'surface' },
  store: { kind: 'memory' },
  http: { port: 0 },
  use: ['@downcity/chat', '@downcity/channel-telegram', '@downcity/channel-feishu'],
  services: { chat: { channels: {
    http: { token: 'surface-http-token' },
    telegram: { token: '${TELEGRAM_TOKEN}', apiRoot: '${telegram.apiRoot}', mode: 'webhook', webhookSecret: 'surface_secret' },
    feishu: { appId: 'cli_surface', appSecret: 'surface-app-secret', mode: 'webhook', verificationToken: 'surface-vt', botOpenId: 'ou_bot' },
  } } },
};
`);
    const loaded = await loadProject(folder.dir, { logger: silent, terminal: 'off', model: createScriptedModel() });
    await loaded.agent.start();
    let url = '';
    try {
      const { channels } = await loaded.agent.invoke('chat/channels', {});
      const info = Object.fromEntries(channels.map((channel) => [channel.id, channel.info]));
      url = String(info.http?.url);
      const port = Number(new URL(url).port);
      expect(info.telegram).toMatchObject({ mode: 'webhook', webhookPath: '/telegram/webhook', webhookPort: port });
      expect(info.feishu).toMatchObject({ mode: 'webhook', webhookPath: '/feishu/events', webhookPort: port });

      const reply = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer surface-http-token', 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ text: 'one port for all', chatId: 'c' }),
      });
      expect(await reply.json()).toMatchObject({ status: 'answered', text: 'echo: one port for all' });

      const update = { update_id: 1, message: { message_id: 7, date: 1_760_000_000, from: { id: 5, is_bot: false, first_name: 'Eve' }, chat: { id: 5, type: 'private' }, text: 'hi' } };
      const postUpdate = (secret: string) =>
        fetch(`${url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) });
      expect((await postUpdate('wrong')).status).toBe(401);
      expect((await postUpdate('surface_secret')).status).toBe(200);

      const challenge = await fetch(`${url}/feishu/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'url_verification', token: 'surface-vt', challenge: 'c-1' }) });
      expect(await challenge.json()).toEqual({ challenge: 'c-1' });
      const forged = await fetch(`${url}/feishu/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'url_verification', token: 'nope', challenge: 'c-2' }) });
      expect(forged.status).toBe(401);

      // Paths no webhook claims belong to the HTTP channel: a credential first.
      expect((await fetch(`${url}/elsewhere`)).status).toBe(401);
    } finally {
      await loaded.agent.stop();
    }
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
