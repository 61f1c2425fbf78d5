import { randomBytes } from 'node:crypto';
import { evaluateShellLine, shellPolicySchema, type PolicyEvaluation, type ShellPolicyInput } from '../policy/policy.js';
import { shellError } from '../shell-error.js';
import { prepareCommand } from './exec.js';
import { killProcessGroup } from './kill-process-group.js';
import { MarkerStream } from './marker-stream.js';
import { captureLimitFor } from './output-collector.js';
import { renderOutput } from './render-output.js';
import type { ExecResult } from './run-process.js';
import { parseSandboxConfig, type SandboxConfig, type SandboxConfigInput } from './sandbox-config.js';
import { spawnPrepared, type PipedChild } from './spawn-prepared.js';

/** Options for a {@link ShellSession}. */
export interface ShellSessionOptions extends SandboxConfigInput {
  /** The workspace directory: the only place commands can write. */
  workspace: string;
  /** Starting directory, absolute or relative to the workspace; must resolve inside it. */
  cwd?: string;
  /** Every command must pass this policy, checked as `['bash', '-c', command]`. */
  policy: ShellPolicyInput;
  /** Host environment to pick allowlisted variables from. Defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Options for one {@link ShellSession.run}. */
export interface SessionRunOptions {
  /** Kill the session if the command runs longer; defaults to the session's `timeoutMs`. */
  timeoutMs?: number;
  /** A human approved this command, so an `ask` decision may run. Never overrides `deny`. */
  approved?: boolean;
  /** Kills the session when it fires; the result then has `aborted: true`. */
  signal?: AbortSignal;
}

/** The outcome of one command in a {@link ShellSession}. */
export interface SessionRunResult extends ExecResult {
  /** Whether the command ran; `false` when the policy denied it or asked for approval. */
  ran: boolean;
  /** The policy's verdict on the command. */
  policy: PolicyEvaluation;
  /** The shell's working directory after the command, when it finished normally. */
  cwd?: string;
  /** A fresh shell was started for this command because the previous one died. */
  restarted: boolean;
  /** Tells the user what happened to the previous session when `restarted` is true. */
  notice?: string;
  /** The shell died during this command (timeout, abort, `exit`); the next run restarts it. */
  sessionEnded: boolean;
}

interface ActiveRun {
  onStdout(chunk: Buffer): void;
  onStderr(chunk: Buffer): void;
  onExit(exitCode: number | null, signal: NodeJS.Signals | null): void;
}

interface RunningShell {
  child: PipedChild;
  exited: Promise<void>;
  current?: ActiveRun;
}

/**
 * A long-lived `bash --noprofile --norc` inside the same sandbox as one-shot commands. The
 * working directory and exported variables carry over from one {@link run} to the next.
 * Each command is checked by the policy first, then delimited with unique sentinel lines
 * that also carry its exit status. A timeout kills the whole session; the next run starts a
 * fresh one and says so in its result.
 */
export class ShellSession {
  private readonly config: SandboxConfig;
  private readonly token = randomBytes(12).toString('hex');
  private sequence = 0;
  private shell: RunningShell | undefined;
  private deathNotice: string | undefined;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param options - workspace, policy and sandbox settings; nothing starts until the first run
   */
  constructor(private readonly options: ShellSessionOptions) {
    this.config = parseSandboxConfig(options);
    shellPolicySchema.parse(options.policy);
  }

  /** Whether a shell process is currently running. */
  get alive(): boolean {
    return this.shell !== undefined;
  }

  /**
   * Runs one command line in the session after checking it against the policy. Commands run
   * one at a time in call order.
   *
   * @param command - a shell command line, e.g. `cd src && ls`
   * @param options - timeout, approval and abort signal
   * @returns the output and status, or `ran: false` with the policy's reason
   * @throws DowncityError (`details.reason`) `SESSION_CLOSED` after {@link close}; sandbox errors when starting the shell
   */
  run(command: string, options: SessionRunOptions = {}): Promise<SessionRunResult> {
    const result = this.queue.then(() => this.runNow(command, options));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Kills the shell and everything it started. The session cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const shell = this.shell;
    if (!shell) return;
    killProcessGroup(shell.child);
    await shell.exited;
  }

  /** Same as {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private async runNow(command: string, options: SessionRunOptions): Promise<SessionRunResult> {
    if (this.closed) throw shellError('SESSION_CLOSED', 'This shell session was closed. Start a new ShellSession to run more commands.');
    const policy = await evaluateShellLine(command, this.options.policy);
    if (policy.decision === 'deny' || (policy.decision === 'ask' && options.approved !== true)) {
      return notRun(policy);
    }
    const notice = this.shell === undefined ? this.deathNotice : undefined;
    const shell = this.shell ?? (await this.start());
    this.deathNotice = undefined;
    const result = await this.execute({ shell, command, options });
    const unchecked = policy.invocations.some((invocation) => !invocation.analyzable);
    if (unchecked) await this.discard(shell);
    const restart = notice === undefined ? {} : { notice: `A fresh shell session was started because ${notice}; the working directory and variables were reset.` };
    return { ...result, policy, ran: true, restarted: notice !== undefined, ...restart, sessionEnded: result.sessionEnded || unchecked };
  }

  /**
   * Ends the shell after a line the analyser could not check ran in it (a person approved it, or
   * `unanalyzable` is `allow`): such a line may have defined functions or aliases, changed `PATH` or
   * shell options, so later lines that look allowed could run something else. The next line starts a
   * fresh shell and says why.
   */
  private async discard(shell: RunningShell): Promise<void> {
    if (this.shell !== shell) return;
    this.deathNotice = 'the previous command could not be checked before it ran, so the shell it may have changed was not kept';
    killProcessGroup(shell.child);
    await shell.exited;
  }

  private async start(): Promise<RunningShell> {
    const prepared = await prepareCommand({
      argv: ['bash', '--noprofile', '--norc'],
      workspace: this.options.workspace,
      cwd: this.options.cwd,
      env: this.options.env,
      config: this.config,
    });
    const child = spawnPrepared(prepared);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (cause) => reject(shellError('SPAWN_FAILED', `Could not start the shell session: ${cause.message}`, { cause })));
    });
    const shell: RunningShell = {
      child,
      exited: new Promise((resolve) => child.once('close', () => resolve())),
    };
    child.stdin.on('error', () => {});
    child.stdout.on('data', (chunk: Buffer) => shell.current?.onStdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => shell.current?.onStderr(chunk));
    child.once('exit', () => killProcessGroup(child));
    child.once('close', (exitCode, signal) => {
      if (this.shell === shell) this.shell = undefined;
      this.deathNotice ??= `the previous shell exited (${signal ?? `exit code ${exitCode}`})`;
      shell.current?.onExit(exitCode, signal);
    });
    this.shell = shell;
    return shell;
  }

  private execute(input: { shell: RunningShell; command: string; options: SessionRunOptions }): Promise<ExecResult & { cwd?: string; sessionEnded: boolean }> {
    const { shell, command, options } = input;
    const marker = `__DOWNCITY_${this.token}_${(this.sequence += 1)}__`;
    const limit = captureLimitFor(this.config.maxOutputChars);
    const stdout = new MarkerStream({ marker, limit });
    const stderr = new MarkerStream({ marker, limit });
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const started = performance.now();
    let timedOut = false;
    let aborted = false;
    return new Promise((resolve) => {
      const settle = (end: { exitCode: number | null; signal: NodeJS.Signals | null; cwd?: string; sessionEnded: boolean }): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        shell.current = undefined;
        resolve({
          ...end,
          ...renderOutput({ stdout: stdout.captured(), stderr: stderr.captured(), maxChars: this.config.maxOutputChars }),
          timedOut,
          aborted,
          durationMs: Math.round(performance.now() - started),
        });
      };
      const completeIfDone = (): void => {
        if (!stdout.done || !stderr.done) return;
        const trailer = stdout.trailer ?? '';
        const separator = trailer.indexOf(':');
        settle({ exitCode: Number(trailer.slice(0, separator)), signal: null, cwd: trailer.slice(separator + 1), sessionEnded: false });
      };
      const kill = (reason: string): void => {
        this.deathNotice = reason;
        killProcessGroup(shell.child);
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill(`the previous command timed out after ${timeoutMs} ms`);
      }, timeoutMs);
      const onAbort = (): void => {
        aborted = true;
        kill('the previous command was aborted');
      };
      shell.current = {
        onStdout: (chunk) => stdout.push(chunk) && completeIfDone(),
        onStderr: (chunk) => stderr.push(chunk) && completeIfDone(),
        onExit: (exitCode, signal) => settle({ exitCode, signal, sessionEnded: true }),
      };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
      shell.child.stdin.write(
        `eval ${ansiCQuote(command)} </dev/null\n` +
          `printf '\\n%s%s:%s\\n' '${marker}' "$?" "$PWD"; printf '\\n%s\\n' '${marker}' >&2\n`,
      );
    });
  }
}

/**
 * Quotes text as a bash `$'...'` string so it reaches `eval` byte for byte.
 *
 * @param text - any text
 */
export function ansiCQuote(text: string): string {
  let escaped = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '\\' || char === "'") escaped += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) escaped += `\\x${code.toString(16).padStart(2, '0')}`;
    else escaped += char;
  }
  return `$'${escaped}'`;
}

function notRun(policy: PolicyEvaluation): SessionRunResult {
  return {
    ran: false,
    policy,
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    truncated: false,
    timedOut: false,
    aborted: false,
    durationMs: 0,
    restarted: false,
    sessionEnded: false,
  };
}
