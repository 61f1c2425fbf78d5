/**
 * Attribute names of the OpenTelemetry GenAI semantic conventions (development status) that Downcity's
 * spans set, and Downcity's own attributes. Kept as constants so plugins writing their own spans use the
 * same spelling.
 */
export const GenAiAttributes = {
  /** `invoke_agent`, `chat` or `execute_tool`. */
  operationName: 'gen_ai.operation.name',
  /** The provider, e.g. `openai`, `anthropic`, `ollama`. */
  providerName: 'gen_ai.provider.name',
  /** The model asked for. */
  requestModel: 'gen_ai.request.model',
  /** The model that answered, as the provider reports it. */
  responseModel: 'gen_ai.response.model',
  /** The provider's response id. */
  responseId: 'gen_ai.response.id',
  /** Why the model stopped, one entry per choice (`stop`, `tool-calls`, `length`...). */
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  /** Prompt tokens. */
  usageInputTokens: 'gen_ai.usage.input_tokens',
  /** Completion tokens. */
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  /** Prompt tokens read from the provider's cache. */
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  /** The tool's name (the Downcity action name, e.g. `memory/remember`). */
  toolName: 'gen_ai.tool.name',
  /** The model's id for the tool call. */
  toolCallId: 'gen_ai.tool.call.id',
  /** The conversation: the Downcity session id. */
  conversationId: 'gen_ai.conversation.id',
  /** The agent's name. */
  agentName: 'gen_ai.agent.name',
} as const;

/** Downcity's own span attributes (names under `downcity.`). */
export const DowncityAttributes = {
  /** The action invoked, `<service id>/<action>`. */
  actionName: 'downcity.action.name',
  /** Who invoked an action: `model`, `agent`, or the calling service's id. */
  actionCaller: 'downcity.action.caller',
  /** Model steps a turn ran. */
  turnSteps: 'downcity.turn.steps',
  /** The extension point a handler ran at, e.g. `chat/authorize`. */
  extensionPoint: 'downcity.extension.point',
  /** `guard`, `pipeline`, `effect` or `resolve`. */
  extensionKind: 'downcity.extension.kind',
  /** The package that attached the handler. */
  extensionOwner: 'downcity.extension.owner',
  /** `allow` or `deny` for a guard, `ok` for the others, `error` when the handler threw or timed out. */
  extensionOutcome: 'downcity.extension.outcome',
} as const;

/** The `gen_ai.operation.name` values Downcity uses. */
export const GenAiOperations = {
  /** A turn of the agent. */
  invokeAgent: 'invoke_agent',
  /** One model call (one step of the loop). */
  chat: 'chat',
  /** One action run as a tool. */
  executeTool: 'execute_tool',
} as const;
