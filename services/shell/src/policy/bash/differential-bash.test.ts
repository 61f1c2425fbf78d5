import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePolicy, evaluateShellLine } from '../policy.js';
import { ATTACK_SCRIPTS, CORPUS_POLICY, CORPUS_PROGRAMS, EVERYDAY_SCRIPTS, PROBE_CONTEXTS, PROBE_VALUES } from '../shell-corpus.fixture.js';

/**
 * The differential test: every script the analyser allows is run by real bash (and dash), and
 * must not run anything outside the allow list. Programs outside it are shims on PATH that
 * create `canary` (and log their name) when they run; attacks also try `touch canary` directly
 * and by absolute path. The controls prove that the canary and the shims work, and that the
 * attacks marked live really create the canary when bash runs them, so nothing passes vacuously.
 */

const BASH = '/bin/bash';
const DASH = '/bin/sh';
const EXTERNAL_ALLOWED = CORPUS_PROGRAMS.filter((program) => /^[a-z]+$/.test(program) && existsSync(`/usr/bin/${program}`));
const FORBIDDEN = ['touch', 'id', 'rm', 'mkdir', 'cp', 'mv', 'sh', 'bash', 'dash', 'env', 'timeout', 'nohup', 'setsid', 'nice', 'xargs', 'find', 'busybox', 'python3', 'perl', 'curl', 'sleep', 'tee', 'sed', 'awk', 'chmod', 'ln', 'stdbuf', 'time', 'nosuchcommand'];

const SCRIPTS = [
  ...EVERYDAY_SCRIPTS,
  ...ATTACK_SCRIPTS.map((entry) => entry.script),
  ...PROBE_VALUES.flatMap((value) => PROBE_CONTEXTS.map((context) => `x='${value}'\n${context}`)),
];
const SH_POLICY = { ...CORPUS_POLICY, allow: [...(CORPUS_POLICY.allow ?? []), { program: 'sh' }] };
const ALLOWED_BY_BASH: string[] = [];
const ALLOWED_BY_SH: string[] = [];
for (const script of SCRIPTS) {
  if ((await evaluateShellLine(script, CORPUS_POLICY)).decision === 'allow') ALLOWED_BY_BASH.push(script);
  if ((await evaluatePolicy(['sh', '-c', script], SH_POLICY)).decision === 'allow') ALLOWED_BY_SH.push(script);
}

let root: string;
let work: string;
let shims: string;
let canary: string;
let log: string;

function setUpWorkspace(): void {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'dir'), { recursive: true });
  writeFileSync(join(work, 'file.txt'), 'first line\nan error here\nTODO: x\n');
  writeFileSync(join(work, 'dir', 'file.txt'), 'inside\n');
  writeFileSync(join(work, 'notes.txt'), 'notes\n');
}

/** Runs a script with a shell in a fresh workspace; returns whether the canary appeared. */
function run(shell: string, script: string): { canary: boolean; ran: string; status: number | null } {
  setUpWorkspace();
  rmSync(log, { force: true });
  const result = spawnSync(shell, ['-c', script, 'script', 'start'], {
    cwd: work,
    env: { PATH: shims, HOME: work, LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10_000,
  });
  const created = existsSync(join(work, 'canary')) || existsSync(canary);
  rmSync(canary, { force: true });
  return { canary: created, ran: existsSync(log) ? readFileSync(log, 'utf8') : '', status: result.status };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'downcity-differential-'));
  work = join(root, 'work');
  shims = join(root, 'bin');
  canary = join(root, 'canary');
  log = join(root, 'ran.log');
  mkdirSync(shims);
  for (const program of EXTERNAL_ALLOWED) {
    writeFileSync(join(shims, program), `#!/bin/sh\nexec /usr/bin/${program} "$@"\n`);
  }
  for (const program of FORBIDDEN) {
    writeFileSync(join(shims, program), `#!/bin/sh\n: > '${canary}'\necho '${program}' >> '${log}'\n`);
  }
  for (const program of [...EXTERNAL_ALLOWED, ...FORBIDDEN]) chmodSync(join(shims, program), 0o755);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!existsSync(BASH) || process.platform !== 'linux')('allowed scripts run only allowed programs on real bash', () => {
  it('has working controls: the canary, the shims, and live attacks', () => {
    expect(run(BASH, 'touch canary').canary).toBe(true);
    expect(run(BASH, '/usr/bin/touch canary').canary).toBe(true);
    expect(run(BASH, 'id')).toMatchObject({ canary: true, ran: 'id\n' });
    expect(run(BASH, "x='a[$(touch canary)]'; echo $((x))").canary).toBe(true);
    expect(run(BASH, 'ls file.txt && echo ok')).toMatchObject({ canary: false, status: 0 });
  });

  it.each(ATTACK_SCRIPTS.filter((entry) => entry.live).map((entry) => [entry.name, entry.script] as const))(
    'the live attack "%s" creates the canary when bash runs it',
    (_name, script) => {
      expect(run(BASH, script).canary).toBe(true);
    },
  );

  it.each(ALLOWED_BY_BASH)('bash runs only allowed programs for the allowed script %j', (script) => {
    const outcome = run(BASH, script);
    expect(outcome.canary, `bash ran a forbidden program (${outcome.ran.trim()})`).toBe(false);
  });

  it.each(ALLOWED_BY_SH)('dash runs only allowed programs for the allowed sh -c script %j', (script) => {
    const outcome = run(DASH, script);
    expect(outcome.canary, `dash ran a forbidden program (${outcome.ran.trim()})`).toBe(false);
  });

  it('is not vacuous: every everyday script and much of the probe grid is allowed and run', () => {
    expect(ALLOWED_BY_BASH).toEqual(expect.arrayContaining([...EVERYDAY_SCRIPTS]));
    expect(ALLOWED_BY_BASH.length).toBeGreaterThan(EVERYDAY_SCRIPTS.length + PROBE_CONTEXTS.length * 4);
    expect(ALLOWED_BY_SH.length).toBeGreaterThan(EVERYDAY_SCRIPTS.length / 2);
  });
});
