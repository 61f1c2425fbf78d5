import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerPrompts, captureIo } from '../../test/helpers/capture-io.js';
import { tempFolder } from '../../test/helpers/temp-folder.js';
import { runCli } from './run-cli.js';

const FLAGS = ['--yes', '--no-install'];

describe('create-downcity', () => {
  it('prints help and its version', async () => {
    const io = captureIo({ cwd: '/' });
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toContain('--plugin <name>');
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/\d+\.\d+\.\d+\n$/);
  });

  it('refuses unknown flags and bad values with exit code 2 and the allowed values', async () => {
    const io = captureIo({ cwd: '/' });
    expect(await runCli(['--colour'], io)).toBe(2);
    expect(io.err()).toContain("Unknown option '--colour'");
    expect(await runCli(['x', '--yes', '--model', 'gemini'], io)).toBe(2);
    expect(io.err()).toContain('Unknown --model "gemini". Choose one of: openai, anthropic, ollama, openai-compatible, none.');
    expect(await runCli(['x', '--yes', '--channels', 'terminal,slack'], io)).toBe(2);
    expect(io.err()).toContain('Unknown --channels "slack". Choose from: terminal, http, telegram, feishu, qq.');
    expect(await runCli(['x', '--yes', '--attach', 'chat/inbound'], io)).toBe(2);
    expect(io.err()).toContain('--attach does not apply to an agent project');
    expect(await runCli(['x', '--yes', '--local', '/nowhere'], io)).toBe(2);
    expect(io.err()).toContain('"/nowhere" is not a Downcity workspace');
  });

  it('does not wait for answers when stdin is not a terminal and --yes is missing', async () => {
    await using temp = await tempFolder('cd-cli');
    const io = captureIo({ cwd: temp.path });
    expect(await runCli(['my-agent'], io)).toBe(2);
    expect(io.err()).toContain('stdin is not a terminal');
    expect(io.err()).toContain('--yes');
    expect(await readdir(temp.path)).toEqual([]);
  });

  it('writes a project from flags, with exact versions and every referenced variable in .env.example', async () => {
    await using temp = await tempFolder('cd-cli');
    const io = captureIo({ cwd: temp.path });
    expect(await runCli(['bot', ...FLAGS, '--model', 'anthropic', '--channels', 'telegram', '--with', 'auth'], io)).toBe(0);
    const folder = path.join(temp.path, 'bot');
    const pkg = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(['@ai-sdk/anthropic', '@downcity/auth', '@downcity/channel-telegram', '@downcity/chat', '@downcity/cli', '@downcity/core', 'zod']);
    for (const version of [...Object.values(pkg.dependencies), ...Object.values(pkg.devDependencies)]) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const config = await readFile(path.join(folder, 'downcity.config.ts'), 'utf8');
    const example = await readFile(path.join(folder, '.env.example'), 'utf8');
    const referenced = [...config.matchAll(/'\$\{([A-Z_]+)/g)].map((match) => match[1]);
    expect(referenced.sort()).toEqual(['DOWNCITY_OWNER_ID', 'TELEGRAM_BOT_TOKEN']);
    for (const name of [...referenced, 'ANTHROPIC_API_KEY']) expect(example).toContain(`${name}=`);
    expect(io.out()).toContain('fill in .env: ANTHROPIC_API_KEY, TELEGRAM_BOT_TOKEN');
  });

  it('refuses a non-empty folder without --force, and with --force keeps every existing file', async () => {
    await using temp = await tempFolder('cd-cli');
    await writeFile(path.join(temp.path, 'README.md'), 'mine\n');
    await mkdir(path.join(temp.path, 'notes'));
    const io = captureIo({ cwd: temp.path });
    expect(await runCli(['.', ...FLAGS, '--name', 'bot'], io)).toBe(6);
    expect(io.err()).toContain('is not empty (README.md, notes)');
    expect((await readdir(temp.path)).sort()).toEqual(['README.md', 'notes']);

    expect(await runCli(['.', ...FLAGS, '--name', 'bot', '--force'], io)).toBe(0);
    expect(await readFile(path.join(temp.path, 'README.md'), 'utf8')).toBe('mine\n');
    expect(await readdir(temp.path)).toEqual(expect.arrayContaining(['package.json', 'downcity.config.ts', 'notes', 'src', 'test']));
    expect(io.out()).toContain('Kept your existing README.md');

    expect(await runCli(['.', ...FLAGS, '--name', 'bot', '--force'], io)).toBe(6);
    expect(io.err()).toContain('already holds a package.json');
  });

  it('asks for what the flags leave open on a terminal', async () => {
    await using temp = await tempFolder('cd-cli');
    const io = captureIo({ cwd: temp.path, terminal: true });
    answerPrompts(io, [
      ['Project name', 'helper-bot'],
      ['Choose one', 'ollama'],
      ['Choose, comma-separated', '1,3'],
    ]);
    expect(await runCli(['--no-install', '--with', 'memory'], io)).toBe(0);
    const folder = path.join(temp.path, 'helper-bot');
    const config = await readFile(path.join(folder, 'downcity.config.ts'), 'utf8');
    expect(config).toContain("model: { provider: 'ollama', model: 'qwen2.5:7b' }");
    expect(config).toContain('terminal: {}');
    expect(config).toContain("telegram: { token: '${TELEGRAM_BOT_TOKEN}' }");
    expect(config).toContain("'@downcity/memory'");
    expect(io.out()).not.toContain('Services and plugins');
  });

  it('cancels cleanly when the input ends during a question', async () => {
    await using temp = await tempFolder('cd-cli');
    const io = captureIo({ cwd: temp.path, terminal: true });
    const run = runCli(['--no-install'], io);
    io.stdin.end();
    expect(await run).toBe(130);
    expect(io.err()).toContain('Cancelled; nothing was written.');
    expect(await readdir(temp.path)).toEqual([]);
  });

  it('scaffolds a plugin package with the id derived from its name', async () => {
    await using temp = await tempFolder('cd-cli');
    const io = captureIo({ cwd: temp.path });
    expect(await runCli(['--plugin', '@acme/downcity-plugin-weather', ...FLAGS, '--attach', 'chat/inbound,agent/identity'], io)).toBe(0);
    const pkg = JSON.parse(await readFile(path.join(temp.path, 'downcity-plugin-weather', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      name: '@acme/downcity-plugin-weather',
      keywords: ['downcity', 'downcity-plugin'],
      peerDependencies: { '@downcity/core': expect.stringMatching(/^\^\d+\.\d+\.\d+$/), '@downcity/chat': expect.stringMatching(/^\^/) },
      downcity: { id: 'weather', kind: 'plugin', attaches: { 'chat/inbound': { kind: 'pipeline' }, 'agent/identity': { kind: 'resolve' } } },
    });
    expect(await runCli(['--plugin', 'Weather', ...FLAGS], io)).toBe(2);
    expect(io.err()).toContain('--plugin "Weather" is not a valid npm package name: it must be lowercase');
    expect(await runCli(['--plugin', 'downcity-plugin-x', ...FLAGS, '--attach', 'chat/everything'], io)).toBe(2);
    expect(io.err()).toContain('Unknown --attach point "chat/everything"');
  });
});
