/**
 * Every stable error code Downcity raises, with the HTTP-like status class it maps to.
 * Codes never change meaning once released; new ones may be added.
 */
export const ErrorCodes = {
  /** Configuration failed validation. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** A package manifest (`downcity` field) failed validation. */
  MANIFEST_INVALID: 'MANIFEST_INVALID',
  /** A service required by another package is not installed or not enabled. */
  SERVICE_MISSING: 'SERVICE_MISSING',
  /** An installed package's version does not satisfy a declared range. */
  VERSION_MISMATCH: 'VERSION_MISMATCH',
  /** Packages require each other in a cycle. */
  DEPENDENCY_CYCLE: 'DEPENDENCY_CYCLE',
  /** Two packages share one id. */
  DUPLICATE_PACKAGE: 'DUPLICATE_PACKAGE',
  /** Two plugins provide the same resolve point. */
  RESOLVE_CONFLICT: 'RESOLVE_CONFLICT',
  /** A handler attaches to an extension point no service declares, or with the wrong kind. */
  EXTENSION_POINT_UNKNOWN: 'EXTENSION_POINT_UNKNOWN',
  /** An action name that no service declares. */
  ACTION_UNKNOWN: 'ACTION_UNKNOWN',
  /** Action input or output failed its schema. */
  ACTION_INVALID: 'ACTION_INVALID',
  /** A guard denied the operation. */
  DENIED: 'DENIED',
  /** An operation ran out of time. */
  TIMEOUT: 'TIMEOUT',
  /** The operation was aborted. */
  ABORTED: 'ABORTED',
  /** No model is configured for an operation that needs one. */
  MODEL_NOT_CONFIGURED: 'MODEL_NOT_CONFIGURED',
  /** The model provider rejected the credentials (401/403). */
  MODEL_AUTH: 'MODEL_AUTH',
  /** The model provider rate-limited the request (429) after retries. */
  MODEL_RATE_LIMITED: 'MODEL_RATE_LIMITED',
  /** The model provider failed (5xx, network) after retries. */
  MODEL_UNAVAILABLE: 'MODEL_UNAVAILABLE',
  /** The model provider rejected the request itself (other 4xx). */
  MODEL_REQUEST_INVALID: 'MODEL_REQUEST_INVALID',
  /** A principal is past its daily usage budget (tokens or cost); the message is the reply for the user. */
  BUDGET_EXCEEDED: 'BUDGET_EXCEEDED',
  /** A session id that does not exist. */
  SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  /** The store failed. */
  STORE_FAILED: 'STORE_FAILED',
  /** The agent is not in a state that allows the operation (e.g. not started). */
  AGENT_STATE: 'AGENT_STATE',
  /** Input from outside (a request, a message, a file) is malformed or too large. */
  INPUT_INVALID: 'INPUT_INVALID',
  /** An unexpected failure; a bug. */
  INTERNAL: 'INTERNAL',
} as const;

/** One of {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
