import type { AgentConfig } from '@downcity/core';
import type { CheckResult } from './check.js';
import { findProgram } from './find-program.js';
import { runProgram } from './run-program.js';

type Env = Readonly<Record<string, string | undefined>>;
type Outcome = Omit<CheckResult, 'id' | 'title'>;

/** The oldest Node.js Downcity supports (the AI SDK 7 floor; Node 20 is end of life since 2026-04-30). */
export const MIN_NODE_VERSION = '22.0.0';

function atLeast(version: string, minimum: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  const [needMajor = 0, needMinor = 0, needPatch = 0] = minimum.split('.').map(Number);
  return major !== needMajor ? major > needMajor : minor !== needMinor ? minor > needMinor : patch >= needPatch;
}

/** Node.js is new enough. */
export async function checkNode(version = process.versions.node): Promise<Outcome> {
  return atLeast(version, MIN_NODE_VERSION)
    ? { status: 'pass', detail: `Node.js ${version}` }
    : { status: 'fail', detail: `Node.js ${version} is older than ${MIN_NODE_VERSION}`, hint: `Install Node.js 22 or 24 (e.g. \`nvm install 24\`, or without root \`npm install --prefix ~/.node24 node@24\` and put ~/.node24/node_modules/.bin first on PATH).` };
}

const slice = (config: AgentConfig, section: 'services' | 'plugins', id: string): Record<string, unknown> => {
  const value = config[section][id];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
};

/** bubblewrap is installed and can create a sandbox (needed by the shell service unless `sandbox: "none"`). */
export async function checkBwrap(config: AgentConfig, usesShell: boolean, env: Env): Promise<Outcome> {
  if (!usesShell) return { status: 'skip', detail: 'not needed: @downcity/shell is not in use' };
  const shell = slice(config, 'services', 'shell');
  if (shell.sandbox === 'none') return { status: 'warn', detail: 'shell runs commands unsandboxed (services.shell.sandbox is "none")', hint: 'Install bubblewrap and remove sandbox: "none" unless this host is disposable.' };
  const configured = typeof shell.bwrapPath === 'string' ? shell.bwrapPath : 'bwrap';
  const found = await findProgram(configured, env);
  if (!found) return { status: 'fail', detail: 'bwrap not found', hint: 'Install it: `sudo apt-get install bubblewrap` (or set services.shell.sandbox: "none" on a trusted host).' };
  const probe = await runProgram(found, ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', 'true']);
  if (probe.code === 0) return { status: 'pass', detail: `${found} creates sandboxes` };
  return {
    status: 'fail',
    detail: `${found} cannot create a sandbox: ${probe.stderr || `exit ${String(probe.code)}`}`,
    hint: 'Unprivileged user namespaces are needed: on the host `sysctl kernel.unprivileged_userns_clone=1` (Debian) or allow them in AppArmor; in Docker run with `--security-opt seccomp=unconfined --security-opt apparmor=unconfined` or `--privileged`.',
  };
}

/** ffmpeg is installed (the asr plugin converts every voice message with it). */
export async function checkFfmpeg(config: AgentConfig, usesAsr: boolean, env: Env): Promise<Outcome> {
  if (!usesAsr) return { status: 'skip', detail: 'not needed: @downcity/asr is not in use' };
  const engine = slice(config, 'plugins', 'asr').engine as Record<string, unknown> | undefined;
  const program = typeof engine?.ffmpegPath === 'string' ? engine.ffmpegPath : 'ffmpeg';
  const found = await findProgram(program, env);
  return found ? { status: 'pass', detail: found } : { status: 'fail', detail: `${program} not found`, hint: 'Install it: `sudo apt-get install ffmpeg`.' };
}

/** The pocketsphinx CLI is installed when the asr engine is pocketsphinx. */
export async function checkPocketsphinx(config: AgentConfig, usesAsr: boolean, env: Env): Promise<Outcome> {
  if (!usesAsr) return { status: 'skip', detail: 'not needed: @downcity/asr is not in use' };
  const engine = slice(config, 'plugins', 'asr').engine as Record<string, unknown> | undefined;
  if (engine?.kind !== 'pocketsphinx') return { status: 'skip', detail: `not needed: the asr engine is ${String(engine?.kind ?? 'not set')}` };
  const program = typeof engine.binary === 'string' ? engine.binary : 'pocketsphinx_batch';
  const found = await findProgram(program, env);
  return found
    ? { status: 'pass', detail: found }
    : { status: 'fail', detail: `${program} not found`, hint: 'Install it: `sudo apt-get install pocketsphinx pocketsphinx-en-us`.' };
}
