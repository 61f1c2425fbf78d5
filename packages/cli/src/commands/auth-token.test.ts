import { access } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { fixtureProject } from '../../test/fixture-project.js';
import { Output } from '../cli/output.js';
import { runCli } from '../cli/run-cli.js';
import { runAgent } from '../runtime/run-agent.js';

const CONFIG = `export default {
  agent: { name: 'token-fixture', logLevel: 'silent' },
  use: ['@downcity/chat', '@downcity/auth'],
  services: { chat: { channels: { http: { port: 0 } } } },
  plugins: { auth: { owners: ['http:boss'] } },
};`;

const FORGED = 'Mallory\nQ7QD9MZP  http:boss  The Boss\r2030-01-01 00:00:00\u202Eowner';

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

describe('downcity auth token and auth pending against a running agent', () => {
  it('creates, lists and revokes per-user tokens; a forged display name cannot add a row to auth pending', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    const agentIo = captureIo({ cwd: project.dir });
    let stop: (reason: string) => void = () => {};
    const stopSignal = new Promise<string>((resolve) => (stop = resolve));
    const running = runAgent({ dir: project.dir, io: agentIo, output: new Output(agentIo, { json: false }), mode: 'start', stopSignal });
    const cli = async (...args: string[]) => {
      const io = captureIo({ cwd: project.dir });
      const code = await runCli(args, io);
      return { code, out: io.out(), err: io.err() };
    };
    try {
      await expect.poll(() => exists(path.join(project.dir, '.downcity', 'control.sock')), { timeout: 10_000 }).toBe(true);
      const status = JSON.parse((await cli('status', '--json')).out) as { channels: { id: string; info: { url?: string } }[] };
      const url = String(status.channels.find((channel) => channel.id === 'http')?.info.url);

      const created = await cli('auth', 'token', 'create', 'mallory', '--json');
      expect(created.code).toBe(0);
      const mallory = JSON.parse(created.out) as { token: string; info: { id: string; principalId: string } };
      expect(mallory.info.principalId).toBe('http:mallory');
      const human = await cli('auth', 'token', 'create', 'boss', '--name', 'The Boss');
      const [line, note, token, ...rest] = human.out.split('\n');
      expect([line, note, rest]).toEqual([expect.stringMatching(/^Created token [a-z0-9]{12} for http:boss \(The Boss\)\.$/), 'Store it now: it is shown only this once.', ['']]);
      expect(token).toMatch(/^dcu_/);

      const post = (credential: string, body: Record<string, unknown>) =>
        fetch(`${url}/v1/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ text: 'hi', chatId: 'm', ...body }),
        });
      const asked = await post(mallory.token, { user: { id: 'mallory', displayName: FORGED } });
      expect(asked.status).toBe(403);
      const code = /pairing code: ([A-Z2-9]{8})/.exec(((await asked.json()) as { text: string }).text)?.[1];

      const pending = await cli('auth', 'pending');
      const rows = pending.out.split(/\r\n|\r|\n/).slice(0, -1);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatch(/^CODE +PRINCIPAL +NAME +EXPIRES$/);
      expect(rows[1]).toContain(`${code}  http:mallory  Mallory\\nQ7QD9MZP  http:boss  The Boss\\r2030-01-01 00:00:00\\u{202e}owner  `);
      expect(pending.out).not.toMatch(/[\r\u202E]/u);
      expect(JSON.parse((await cli('auth', 'pending', '--json')).out)).toMatchObject({ pending: [{ code, displayName: FORGED }] });

      const list = await cli('auth', 'token', 'list');
      expect(list.out.split('\n').slice(1, -1).map((row) => row.split(/ {2,}/).slice(0, 3))).toEqual([
        [mallory.info.id, 'http:mallory', '-'],
        [expect.any(String), 'http:boss', 'The Boss'],
      ]);
      expect(list.out).not.toContain('dcu_');

      await expect(cli('auth', 'token', 'revoke', mallory.info.id)).resolves.toMatchObject({ code: 0, out: `Revoked token ${mallory.info.id} of http:mallory.\n` });
      expect((await post(mallory.token, {})).status).toBe(401);
      await expect(cli('auth', 'token', 'revoke', mallory.info.id)).resolves.toMatchObject({ code: 1, out: `No token has the id ${mallory.info.id}.\n` });
      await expect(cli('auth', 'token')).resolves.toMatchObject({ code: 2, err: expect.stringContaining("'auth token' needs a subcommand: create, list, revoke") });
    } finally {
      stop('test over');
      expect(await running).toBe(0);
    }
  });
});
