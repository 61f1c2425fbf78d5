/**
 * `@downcity/core`: the agent host, execution context, session, store, service and plugin contracts.
 *
 * @packageDocumentation
 */
export { Agent, createAgent, type AgentState } from './agent/agent.js';
export type { AgentOptions } from './agent/agent-options.js';
export type { Identity, IdentityQuery, Role } from './agent/identity.js';
export { identityService } from './agent/identity-service.js';
export type { PackageSummary } from './agent/package-summary.js';
export type { AgentInfo } from './agent/agent-info.js';
export { defineAction } from './action/action.js';
export type {
  ActionCall,
  ActionDefinition,
  ActionInput,
  ActionName,
  ActionOutput,
  ActionSignature,
  Actions,
  Invoke,
  InvokeOptions,
  Principal,
} from './action/action.js';
export { toolNameOf } from './model/model-tools.js';
export { safeToolName } from './model/safe-tool-name.js';
export type { RuntimeActions } from './action/runtime-actions.js';
export { jsonSchemaInput, type JsonSchemaInput, type JsonSchemaObject } from './action/json-schema-input.js';
export type { ToolActionInfo, ToolActions, ToolCallOptions } from './action/tool-actions.js';
export {
  AgentConfigSchema,
  ClusterSettingsSchema,
  HttpSettingsSchema,
  StoreSettingsSchema,
  defineConfig,
  type AgentConfig,
  type AgentConfigInput,
  type ClusterSettings,
  type HttpSettings,
  type HttpSettingsInput,
} from './config/agent-config.js';
export { hasEnvReference, interpolateEnv } from './config/interpolate-env.js';
export { describeFieldProblems, toFieldProblems, type FieldProblem } from './config/format-issues.js';
export { parseWithSchema, type ParseWithSchemaOptions } from './config/parse-with-schema.js';
export { secret } from './config/secret.js';
export type { ExecutionContext, PackageStorage } from './context/execution-context.js';
export { definePlugin, IN_PROCESS_ENFORCEMENT, type PackageDefinition, type PluginDefinition, type PluginInstance } from './definition/define-plugin.js';
export { defineService, type InstructionsContributor, type ServiceDefinition, type ServiceInstance } from './definition/define-service.js';
export { DowncityError, type DowncityErrorOptions } from './errors/downcity-error.js';
export { ErrorCodes, type ErrorCode } from './errors/error-codes.js';
export { toDowncityError } from './errors/to-downcity-error.js';
export type {
  EffectPoint,
  ExtensionPoints,
  ExtensionRunner,
  GuardPoint,
  GuardVerdict,
  HandlerCall,
  HandlerFor,
  HandlerRegistration,
  Handlers,
  PipelinePoint,
  PointName,
  PointNameOfKind,
  ResolvePoint,
} from './extension/extension-points.js';
export type { FetchHandler, HttpRoute, HttpSurface, MountedRoute } from './http/http-surface.js';
export type { Cluster, ClusterJob, ClusterJobHandler, ClusterJobRun, ClusterMember, LeaseHolder, PackageCluster } from './cluster/cluster.js';
export { packageCluster } from './cluster/package-cluster.js';
export { createLogger, defaultLogger, type LoggerOptions } from './logger/create-logger.js';
export type { LogLevel, LogMethod, Logger } from './logger/logger.js';
export { DEFAULT_LOG_TAP_CAPACITY, LogRing, atLeast, isTappedLevel, type LogRecord, type LogTap, type RecentLogOptions, type TappedLevel } from './logger/log-tap.js';
export { tapLogger } from './logger/tap-logger.js';
export { configJsonSchema, manifestJsonSchema } from './manifest/manifest-json-schema.js';
export {
  ManifestSchema,
  PermissionsSchema,
  PointKindSchema,
  PluginManifestSchema,
  ServiceManifestSchema,
  type Manifest,
  type ManifestInput,
  type Permissions,
  type PluginManifest,
  type PointKind,
  type ServiceManifest,
} from './manifest/manifest-schema.js';
export { packageEntry } from './manifest/package-entry.js';
export { findExecutable } from './util/find-executable.js';
export { IsolationSettingsSchema, type IsolationSettings } from './config/isolation-settings.js';
export { readPackageManifest, validatePackageManifest, type PackageInfo, type ValidatedPackage } from './manifest/read-manifest.js';
export {
  ModelConfigSchema,
  ModelSectionSchema,
  type ModelConfig,
  type ModelConfigInput,
  type ModelSection,
  type ModelSectionInput,
} from './model/model-config.js';
export { modelIdOf, type ModelCandidate } from './model/model-candidate.js';
export { resolveModelCandidates, type ModelChoice, type ResolvedModels } from './model/model-candidates.js';
export { isFallbackError } from './model/fallback-error.js';
export { withCallTimeout } from './model/call-timeout.js';
export { parseModelShorthand, resolveModel } from './model/resolve-model.js';
export { mergeProviderOptions, type ProviderOptions } from './model/provider-options.js';
export { loadProvider } from './model/load-provider.js';
export type { ProviderModel, ModelFallback } from './model/run-model-loop.js';
export { toModelError } from './model/model-error.js';
export { redactSecretKeys } from './secrets/secret-keys.js';
export { redactSecrets, registerSecret } from './secrets/secret-registry.js';
export { textOf } from './session/build-prompt.js';
export { displayText, type DisplayTextOptions } from './text/display-text.js';
export type { SessionApi, TurnInfo, TurnOptions, TurnResult, TurnStep } from './session/session-api.js';
export { recordToolOutcome, type ToolOutcomeRecord } from './session/record-tool-outcome.js';
export { ApprovalChat, type ApprovalChatOptions } from './approval/approval-chat.js';
export { createMemoryStore } from './store/memory-store.js';
export { commonStoreErrorCodes, isStoreError, STORE_INVALID_INPUT, storeError, type StoreError } from './store/store-error.js';
export { checkCount, checkName, checkVector, dimensionMismatch, MAX_VECTOR_DIMENSION, toJsonText } from './store/store-input.js';
export type {
  Collection,
  CollectionEntry,
  CollectionQuery,
  JsonObject,
  JsonValue,
  ListSessionsOptions,
  MessageRole,
  MessageTable,
  NewMessage,
  Scalar,
  SearchDocument,
  SearchHit,
  SearchIndex,
  SessionKind,
  SessionRecord,
  SessionTable,
  Store,
  StoredMessage,
  TailOptions,
  WriteOperation,
} from './store/store.js';
export { coreVersion } from './version.js';
export { UsageSettingsSchema, ModelPriceSchema, UsageLimitSchema, type UsageSettings, type UsageSettingsInput, type ModelPrice, type UsageLimit } from './usage/usage-settings.js';
export { UsageLedger, MAX_REPORT_DAYS, MAX_STEPS_PER_DAY, type StepTokens, type StepUsage, type UsageGroupBy, type UsageQuery, type UsageReport } from './usage/usage-ledger.js';
export { USAGE_COLLECTION, NO_PRINCIPAL, dayOf, type UsageRecord } from './usage/usage-record.js';
export { sumUsage, type UsageTotals } from './usage/usage-totals.js';
export type { TokenCounts } from './usage/token-counts.js';
export { stepCost, type CostedTokens } from './usage/step-cost.js';
export { budgetVerdict, limitFor, nextUtcMidnight, type BudgetVerdict } from './usage/usage-budget.js';
export { UsageReportInputSchema, UsageReportOutputSchema, BudgetCheckOutputSchema } from './usage/usage-actions-definition.js';
export type { UsageActions, UsageReportInput, UsageReportOutput, BudgetCheckOutput } from './usage/usage-actions.js';
export { DowncityAttributes, GenAiAttributes, GenAiOperations } from './telemetry/gen-ai-attributes.js';
export { logTraceFields, type LogTraceFields } from './telemetry/log-trace-fields.js';
export { extractTraceContext, injectTraceContext, linksFrom, type TraceCarrier } from './telemetry/trace-context.js';
export { traceModel } from './telemetry/trace-model.js';
export { downcityTracer, TRACER_NAME } from './telemetry/tracer.js';
export { recordSpanError, withSpan, type WithSpanOptions } from './telemetry/with-span.js';
