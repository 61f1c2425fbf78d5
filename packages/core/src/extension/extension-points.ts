import type { Identity, IdentityQuery } from '../agent/identity.js';

/**
 * Typed extension points. A service declares each point in its manifest and adds its payload
 * type to {@link ExtensionPoints} by module augmentation:
 *
 * ```ts
 * declare module '@downcity/core' {
 *   interface ExtensionPoints {
 *     'chat/authorize': GuardPoint<AuthorizeRequest>;
 *     'chat/inbound': PipelinePoint<InboundMessage>;
 *   }
 * }
 * ```
 *
 * Handlers and runners are typed from that interface, so a wrong payload is a compile error.
 */

/** A guard point: handlers may deny; any deny stops; a throw or timeout denies. */
export interface GuardPoint<Input> {
  /** The point kind. */
  kind: 'guard';
  /** What each guard receives. */
  input: Input;
}

/** A pipeline point: handlers transform the value in order. */
export interface PipelinePoint<Value> {
  /** The point kind. */
  kind: 'pipeline';
  /** The value passed through each handler. */
  value: Value;
}

/** An effect point: handlers observe after the fact; failures are logged and never break the flow. */
export interface EffectPoint<Payload> {
  /** The point kind. */
  kind: 'effect';
  /** What each effect receives. */
  payload: Payload;
}

/** A resolve point: exactly one provider answers; with none, the service's default answers. */
export interface ResolvePoint<Query, Answer> {
  /** The point kind. */
  kind: 'resolve';
  /** The question. */
  query: Query;
  /** The answer. */
  answer: Answer;
}

/** Every extension point, by name. Services augment this interface. */
export interface ExtensionPoints {
  /** Answers who a principal is and what role it has (declared by the agent; `@downcity/auth` provides it). */
  'agent/identity': ResolvePoint<IdentityQuery, Identity>;
}

/** Names of all extension points. */
export type PointName = keyof ExtensionPoints & string;

/** Names of the extension points of one kind. */
export type PointNameOfKind<Kind extends 'guard' | 'pipeline' | 'effect' | 'resolve'> = {
  [Name in PointName]: ExtensionPoints[Name] extends { kind: Kind } ? Name : never;
}[PointName];

/** A guard's answer. */
export type GuardVerdict =
  | { allow: true }
  | {
      allow: false;
      /** Why, for logs and the caller. */
      reason: string;
      /** A message the service may show the user (e.g. a pairing code). Never include secrets. */
      reply?: string;
    };

/** What every handler receives besides its payload. */
export interface HandlerCall {
  /** Aborted when the handler's timeout passes or the agent stops. */
  signal: AbortSignal;
  /** The point being run. */
  point: string;
}

/** The handler type for a named extension point. */
export type HandlerFor<Name extends PointName> = ExtensionPoints[Name] extends GuardPoint<infer Input>
  ? (input: Input, call: HandlerCall) => GuardVerdict | Promise<GuardVerdict>
  : ExtensionPoints[Name] extends PipelinePoint<infer Value>
    ? (value: Value, call: HandlerCall) => Value | Promise<Value>
    : ExtensionPoints[Name] extends EffectPoint<infer Payload>
      ? (payload: Payload, call: HandlerCall) => void | Promise<void>
      : ExtensionPoints[Name] extends ResolvePoint<infer Query, infer Answer>
        ? (query: Query, call: HandlerCall) => Answer | Promise<Answer>
        : never;

/** A handler with options. */
export interface HandlerRegistration<Name extends PointName> {
  /** The handler. */
  handler: HandlerFor<Name>;
  /** Overrides the manifest priority; lower runs first. */
  priority?: number;
  /** Per-call timeout in milliseconds (default 5,000; effects 10,000). */
  timeoutMs?: number;
}

/** The handlers a service or plugin attaches, by point name. Must match the manifest's `attaches`. */
export type Handlers = {
  [Name in PointName]?: HandlerFor<Name> | HandlerRegistration<Name>;
};

/** Runs the extension points the calling service declares. Available as `context.plugins`. */
export interface ExtensionRunner {
  /**
   * Runs the guards in order; the first deny (or throw, or timeout) stops and is returned. `by` names the plugin
   * that denied; `failed` is true when its guard threw or timed out instead of deciding (denied to fail closed).
   */
  guard<Name extends PointNameOfKind<'guard'>>(
    name: Name,
    input: ExtensionPoints[Name] extends GuardPoint<infer Input> ? Input : never,
  ): Promise<GuardVerdict & { by?: string; failed?: boolean }>;
  /** Passes the value through each pipeline handler in order; a failing handler is logged and skipped. */
  pipeline<Name extends PointNameOfKind<'pipeline'>>(
    name: Name,
    value: ExtensionPoints[Name] extends PipelinePoint<infer Value> ? Value : never,
  ): Promise<ExtensionPoints[Name] extends PipelinePoint<infer Value> ? Value : never>;
  /** Runs every effect; failures are logged, never thrown. */
  effect<Name extends PointNameOfKind<'effect'>>(
    name: Name,
    payload: ExtensionPoints[Name] extends EffectPoint<infer Payload> ? Payload : never,
  ): Promise<void>;
  /** Asks the one provider, or returns `fallback(query)` when none is attached. */
  resolve<Name extends PointNameOfKind<'resolve'>>(
    name: Name,
    query: ExtensionPoints[Name] extends ResolvePoint<infer Query, infer _Answer> ? Query : never,
    fallback: (
      query: ExtensionPoints[Name] extends ResolvePoint<infer Query, infer _Answer> ? Query : never,
    ) => (ExtensionPoints[Name] extends ResolvePoint<infer _Query, infer Answer> ? Answer : never) | Promise<ExtensionPoints[Name] extends ResolvePoint<infer _Query, infer Answer> ? Answer : never>,
  ): Promise<ExtensionPoints[Name] extends ResolvePoint<infer _Query, infer Answer> ? Answer : never>;
  /** How many handlers are attached to a point. */
  count(name: PointName): number;
}
