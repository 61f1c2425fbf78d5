import { env } from './wrappers/env.js';
import { find } from './wrappers/find.js';
import { multiCall } from './wrappers/multi-call.js';
import { optionWrapper, runsRest } from './wrappers/option-wrapper.js';
import { shell } from './wrappers/shell.js';
import type { WrapperHandler } from './wrappers/wrapper-outcome.js';
import { xargs } from './wrappers/xargs.js';

/** `command [-p] NAME [ARG...]`; with `-v`/`-V` it only looks a name up. */
const command = optionWrapper({ spec: { flags: 'pvV' }, selfWhen: ['v', 'V'] });

/** `builtin NAME [ARG...]` */
const builtin: WrapperHandler = (words) => runsRest({ words, index: 1, label: 'builtin' });

function unanalyzable(reason: string): WrapperHandler {
  return (_words, program) => ({ kind: 'unanalyzable', reason: `${program} ${reason}` });
}

const RUNS_STRING = unanalyzable('runs a string as shell code, which is not analyzed');
const RUNS_FILE = unanalyzable('runs shell code from a file, which is not analyzed');
const OPAQUE = unanalyzable('runs another command in a way that is not analyzed');

/**
 * Programs that run other programs, by basename. Each handler says what the wrapper really
 * runs so that the policy can check the inner programs as well as the wrapper itself.
 */
export const WRAPPER_PROGRAMS: Readonly<Record<string, WrapperHandler>> = {
  env,
  busybox: multiCall,
  toybox: multiCall,
  sh: shell,
  bash: shell,
  dash: shell,
  rbash: shell,
  zsh: shell,
  ksh: shell,
  ash: shell,
  mksh: shell,
  find,
  command,
  builtin,
  nohup: optionWrapper({ spec: {} }),
  nice: optionWrapper({ spec: { valued: 'n', longValued: ['adjustment'], numeric: true } }),
  timeout: optionWrapper({
    spec: { flags: 'v', valued: 'sk', longFlags: ['foreground', 'preserve-status', 'verbose'], longValued: ['signal', 'kill-after'] },
    operands: 1,
  }),
  stdbuf: optionWrapper({ spec: { valued: 'ioe', longValued: ['input', 'output', 'error'] } }),
  ionice: optionWrapper({
    spec: { flags: 'tpPu', valued: 'cn', longFlags: ['ignore', 'pid', 'pgid', 'uid'], longValued: ['class', 'classdata'] },
    selfWhen: ['p', 'P', 'u', 'pid', 'pgid', 'uid'],
  }),
  setsid: optionWrapper({ spec: { flags: 'cfw', longFlags: ['ctty', 'fork', 'wait'] } }),
  chrt: optionWrapper({
    spec: {
      flags: 'abdefiomprRv',
      valued: 'TPD',
      longFlags: ['all-tasks', 'batch', 'deadline', 'ext', 'fifo', 'idle', 'other', 'rr', 'reset-on-fork', 'max', 'pid', 'verbose'],
      longValued: ['sched-runtime', 'sched-period', 'sched-deadline'],
    },
    operands: 1,
    selfWhen: ['p', 'm', 'pid', 'max'],
  }),
  taskset: optionWrapper({ spec: { flags: 'acp', longFlags: ['all-tasks', 'cpu-list', 'pid'] }, operands: 1, selfWhen: ['p', 'pid'] }),
  time: optionWrapper({
    spec: { flags: 'apqvV', valued: 'fo', longFlags: ['portability', 'append', 'quiet', 'verbose'], longValued: ['format', 'output'] },
  }),
  xargs,
  eval: RUNS_STRING,
  trap: RUNS_STRING,
  exec: unanalyzable('replaces the shell and can take redirections or -a names that are not analyzed'),
  source: RUNS_FILE,
  '.': RUNS_FILE,
  watch: OPAQUE,
  flock: OPAQUE,
  strace: OPAQUE,
  ltrace: OPAQUE,
  gdb: OPAQUE,
  parallel: OPAQUE,
  script: OPAQUE,
  chroot: OPAQUE,
  unshare: OPAQUE,
  nsenter: OPAQUE,
  'systemd-run': OPAQUE,
};

/**
 * Wrappers that are part of the shell itself when a script uses them: `command`, `builtin`
 * and the `time` keyword (which takes only `-p`) run their command in the same shell, so
 * builtins stay builtins inside them.
 */
export const SHELL_WRAPPER_PROGRAMS: Readonly<Record<string, WrapperHandler>> = {
  command,
  builtin,
  time: optionWrapper({ spec: { flags: 'p' } }),
};
