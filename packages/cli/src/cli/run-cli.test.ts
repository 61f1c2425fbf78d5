import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { fixtureProject } from '../../test/fixture-project.js';
import { runCli } from './run-cli.js';

const VALID = `import { defineConfig } from '@downcity/core';
export default defineConfig({
  agent: { name: 'fixture' },
  use: ['@downcity/chat', '@downcity/memory'],
  services: { chat: { channels: { http: { port: 0, token: '\${FIXTURE_TOKEN}' } } } },
});
`;

describe('runCli', () => {
  it('prints help and the version', async () => {
    const io = captureIo({ cwd: process.cwd() });
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toContain('sessions show <session id>');
    expect(io.out()).toContain('5  the agent is not running');
    const version = captureIo({ cwd: process.cwd() });
    expect(await runCli(['--version', '--json'], version)).toBe(0);
    expect(JSON.parse(version.out())).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('exits 2 with a suggestion for an unknown command or option', async () => {
    const io = captureIo({ cwd: process.cwd() });
    expect(await runCli(['strat'], io)).toBe(2);
    expect(io.err()).toContain("unknown command 'strat'. Did you mean 'start'?");

    const sub = captureIo({ cwd: process.cwd() });
    expect(await runCli(['sessions', 'lst'], sub)).toBe(2);
    expect(sub.err()).toContain("Did you mean 'sessions list'?");

    const option = captureIo({ cwd: process.cwd() });
    expect(await runCli(['status', '--jsno'], option)).toBe(2);
    expect(option.err()).toContain("unknown option '--jsno' for 'downcity status'. Did you mean '--json'?");

    const json = captureIo({ cwd: process.cwd() });
    expect(await runCli(['memroy', 'search', 'x', '--json'], json)).toBe(2);
    expect(JSON.parse(json.out())).toMatchObject({ error: { exitCode: 2, details: { suggestion: 'memory' } } });
  });

  it('exits 2 for a missing argument and a missing subcommand', async () => {
    const missing = captureIo({ cwd: process.cwd() });
    expect(await runCli(['sessions', 'show'], missing)).toBe(2);
    expect(missing.err()).toContain("'sessions show' needs <session id>");
    const group = captureIo({ cwd: process.cwd() });
    expect(await runCli(['tasks'], group)).toBe(2);
    expect(group.err()).toContain("'tasks' needs a subcommand: list, run, runs, pause, resume");
    const needsName = captureIo({ cwd: process.cwd() });
    expect(await runCli(['plugins', 'add'], needsName)).toBe(2);
    expect(needsName.err()).toContain("'plugins add' needs <name[@range]>");
  });

  it('init writes the config and .env.example once, then refuses to overwrite (exit 6)', async () => {
    await using project = await fixtureProject({});
    const io = captureIo({ cwd: project.dir });
    expect(await runCli(['init', '--name', 'bot'], io)).toBe(0);
    expect(await readFile(path.join(project.dir, 'downcity.config.ts'), 'utf8')).toContain('name: "bot"');
    expect(await readFile(path.join(project.dir, '.env.example'), 'utf8')).toContain('DOWNCITY_MODEL=');
    const again = captureIo({ cwd: project.dir });
    expect(await runCli(['init'], again)).toBe(6);
    expect(again.err()).toContain('Not overwriting downcity.config.ts and .env.example');

    const valid = captureIo({ cwd: project.dir });
    expect(await runCli(['config', 'validate'], valid)).toBe(0);
  });

  it('config validate: exit 0 for a valid config, exit 3 with field paths for an invalid one, secrets redacted', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': VALID, '.env': 'FIXTURE_TOKEN=s3cret-token-value\n' });
    const io = captureIo({ cwd: project.dir });
    expect(await runCli(['config', 'validate', '--json', '--print'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ valid: true, packages: [{ id: 'chat', kind: 'service' }, { id: 'memory', kind: 'service' }] });
    expect(io.out()).not.toContain('s3cret-token-value');
    expect(report.config.services.chat.channels.http.token).toBe('[redacted]');

    await using broken = await fixtureProject({
      'downcity.config.ts': `export default {
        agent: { stopGraceMs: -1 },
        use: ['@downcity/chat', '@downcity/memory'],
        services: { chat: { channels: { http: { port: 'eighty', token: 'x' }, fax: {} } }, memroy: {} },
      };`,
    });
    const invalid = captureIo({ cwd: broken.dir });
    expect(await runCli(['config', 'validate', '--json'], invalid)).toBe(3);
    expect(JSON.parse(invalid.out()).problems.map((problem: { path: string }) => problem.path)).toEqual(['agent.stopGraceMs']);

    await using slices = await fixtureProject({
      'downcity.config.ts': `export default {
        use: ['@downcity/chat', '@downcity/memory'],
        services: { chat: { channels: { http: { port: 'eighty', token: 'x' }, fax: {} } }, memroy: {} },
      };`,
    });
    const human = captureIo({ cwd: slices.dir, env: { FORCE_COLOR: '0' } });
    expect(await runCli(['config', 'validate'], human)).toBe(3);
    expect(human.out()).toContain('services.chat.channels.http.port');
    expect(human.out()).toContain('services.chat.channels');
    expect(human.out()).toContain('no channel named "fax" is installed');
    expect(human.out()).toContain('services.memroy: no service with id "memroy" is in use');
  });

  it('exits 3 without a config, naming `downcity init`', async () => {
    await using project = await fixtureProject({});
    const io = captureIo({ cwd: project.dir });
    expect(await runCli(['status'], io)).toBe(3);
    expect(io.err()).toContain('Run `downcity init`');
  });

  it('exits 5 when no agent is running', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': VALID, '.env': 'FIXTURE_TOKEN=t\n' });
    for (const args of [['status'], ['sessions', 'list'], ['tasks', 'list'], ['memory', 'search', 'coffee'], ['auth', 'pending']]) {
      const io = captureIo({ cwd: project.dir });
      expect(await runCli([...args, '--json'], io)).toBe(5);
      expect(JSON.parse(io.out())).toMatchObject({ error: { exitCode: 5, hint: expect.stringContaining('downcity start') } });
    }
  });
});
