import type { z } from 'zod';
import type { Identity, IdentityQuery } from '../agent/identity.js';
import type { Principal } from './principal.js';
import type { UsageActions } from '../usage/usage-actions.js';

export type { Principal } from './principal.js';

/** The signature of an action: its input and output types. */
export interface ActionSignature<Input, Output> {
  /** The input type. */
  input: Input;
  /** The output type. */
  output: Output;
}

/**
 * Every invocable action, by full name (`<service id>/<action>`). Services augment it:
 *
 * ```ts
 * declare module '@downcity/core' {
 *   interface Actions { 'chat/send': ActionSignature<SendInput, SendResult> }
 * }
 * ```
 */
export interface Actions extends UsageActions {
  /** Asks the identity provider who a principal is (built into every agent). */
  'agent/identity': ActionSignature<IdentityQuery, Identity>;
}

/** Names of all declared actions. */
export type ActionName = keyof Actions & string;

/** The input type of an action. */
export type ActionInput<Name extends ActionName> = Actions[Name] extends ActionSignature<infer Input, unknown> ? Input : never;

/** The output type of an action. */
export type ActionOutput<Name extends ActionName> = Actions[Name] extends ActionSignature<unknown, infer Output> ? Output : never;

/** What an action handler receives besides its input. */
export interface ActionCall {
  /** Who called: a package id, `model` (a tool call), or `agent` (the host app or CLI). */
  caller: string;
  /** On whose behalf, when known. */
  principal?: Principal;
  /** The session the call belongs to, when any. */
  sessionId?: string;
  /** Aborted when the caller gives up or the agent stops. */
  signal: AbortSignal;
}

/** Options for an invocation. */
export interface InvokeOptions {
  /** On whose behalf. */
  principal?: Principal;
  /** The session the call belongs to. */
  sessionId?: string;
  /** Cancels the call. */
  signal?: AbortSignal;
}

/** Calls another service's declared action with schema-validated input and output. */
export type Invoke = <Name extends ActionName>(name: Name, input: ActionInput<Name>, options?: InvokeOptions) => Promise<ActionOutput<Name>>;

/** An action a service provides. */
export interface ActionDefinition<InputSchema extends z.ZodType = z.ZodType, OutputSchema extends z.ZodType = z.ZodType> {
  /** What it does; shown to the model when it is a tool. */
  description: string;
  /** The input schema; input is validated before `run`. */
  input: InputSchema;
  /** The output schema; output is validated after `run`. */
  output: OutputSchema;
  /**
   * The input's JSON Schema as offered to the model, when the input was described by one (see
   * `jsonSchemaInput`); by default the model sees the JSON Schema of `input`.
   */
  inputJsonSchema?: Record<string, unknown>;
  /** Whether the model may call it as a tool (it must also be marked `tool` in the manifest). */
  tool?: boolean;
  /** Runs the action. */
  run(input: z.output<InputSchema>, call: ActionCall): z.input<OutputSchema> | Promise<z.input<OutputSchema>>;
}

/** Declares an action with inferred input and output types. */
export function defineAction<InputSchema extends z.ZodType, OutputSchema extends z.ZodType>(
  definition: ActionDefinition<InputSchema, OutputSchema>,
): ActionDefinition<InputSchema, OutputSchema> {
  return definition;
}
