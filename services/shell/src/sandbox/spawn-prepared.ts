import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { Duplex, type Readable, type Writable } from 'node:stream';
import { shellError } from '../shell-error.js';

/** A command ready to spawn: the executable, its arguments, environment and descriptors. */
export interface PreparedCommand {
  /** Executable to spawn (bwrap, or the program itself when unsandboxed). */
  file: string;
  /** Its arguments. */
  args: string[];
  /** Host working directory for the spawn. */
  cwd: string;
  /** The filtered environment. */
  env: Record<string, string>;
  /** Host uid and gid to start it as (the agent runs as root); supplementary groups are dropped too. */
  spawnAs?: { uid: number; gid: number };
  /** Text the spawned process reads from extra descriptors (bwrap's generated files). */
  inputs?: readonly { descriptor: number; content: string }[];
  /** Inherited descriptors to replace with `/dev/null` in the child, for bwrap to consume and close. */
  sinks?: readonly number[];
}

/** A spawned process with its three standard streams piped. */
export type PipedChild = ChildProcess & { stdin: Writable; stdout: Readable; stderr: Readable };

const isPiped = (child: ChildProcess): child is PipedChild => child.stdin !== null && child.stdout !== null && child.stderr !== null;

/**
 * Spawns a prepared command in its own process group (so it can be killed as a whole) with piped
 * stdin, stdout and stderr, feeds the extra input descriptors, and puts `/dev/null` on each sink
 * descriptor in place of what the child would otherwise inherit.
 *
 * @param prepared - what to spawn
 * @returns the child; listen for `error` as with any spawn
 * @throws DowncityError (`details.reason`) `SPAWN_FAILED` when the process cannot be created at all
 */
export function spawnPrepared(prepared: PreparedCommand): PipedChild {
  const inputs = prepared.inputs ?? [];
  const sinks = prepared.sinks ?? [];
  const stdio: StdioOptions = ['pipe', 'pipe', 'pipe'];
  const nullDescriptor = sinks.length > 0 ? openSync('/dev/null', 'r') : undefined;
  let child: ChildProcess;
  try {
    for (const descriptor of sinks) stdio[descriptor] = nullDescriptor;
    for (const input of inputs) stdio[input.descriptor] = 'pipe';
    for (let index = 3; index < stdio.length; index += 1) stdio[index] ??= 'ignore';
    child = spawn(prepared.file, prepared.args, {
      cwd: prepared.cwd,
      env: prepared.env,
      detached: true,
      stdio,
      ...prepared.spawnAs,
    });
  } finally {
    if (nullDescriptor !== undefined) closeSync(nullDescriptor);
  }
  if (!isPiped(child)) throw shellError('SPAWN_FAILED', `Could not start "${prepared.file}": its standard streams were not created.`);
  const streams = inputs.flatMap((input) => {
    const stream = child.stdio[input.descriptor];
    if (!(stream instanceof Duplex)) return [];
    stream.on('error', () => {});
    stream.end(input.content);
    stream.resume();
    return [stream];
  });
  child.once('exit', () => {
    for (const stream of streams) stream.destroy();
  });
  return child;
}
