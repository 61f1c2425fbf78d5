import { parseWithSchema } from '../config/parse-with-schema.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { withCallTimeout } from './call-timeout.js';
import type { ModelCandidate } from './model-candidate.js';
import { modelIdOf } from './model-candidate.js';
import { ModelConfigSchema, type ModelConfig, type ModelConfigInput, type ModelSection } from './model-config.js';
import { parseModelShorthand, resolveModel } from './resolve-model.js';
import type { ProviderModel } from './run-model-loop.js';

/** One model as `AgentOptions.model` takes it: a provider model, a model config, or a `provider:model` string. */
export type ModelChoice = ProviderModel | ModelConfigInput | string;

/** The models an agent's turns try, in order, and the turn deadline. */
export interface ResolvedModels {
  /** The models, first first; empty when none is configured. */
  candidates: ModelCandidate[];
  /** The whole turn's deadline: the first model config's `timeoutMs`. */
  turnTimeoutMs: number;
}

const isLanguageModel = (value: unknown): value is ProviderModel =>
  typeof value === 'object' && value !== null && 'specificationVersion' in value && 'doGenerate' in value;

function checkModel(model: ProviderModel): ProviderModel {
  const version: string = model.specificationVersion;
  if (version !== 'v4' && version !== 'v3') {
    throw new DowncityError(
      ErrorCodes.CONFIG_INVALID,
      `The model "${String((model as { modelId?: string }).modelId)}" implements AI SDK model spec ${version}; Downcity needs a v4 model (AI SDK 7 providers, e.g. @ai-sdk/openai 4.x) or a v3 one (AI SDK 6 providers).`,
    );
  }
  return model;
}

const asList = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? (value as readonly T[]) : [value as T]);

/** A `provider:model` string, filled in from the config entry of the same provider (its baseURL, key env...). */
function fromShorthand(value: string, configured: readonly ModelConfig[], root: string): ModelConfig {
  const shorthand = parseModelShorthand(value);
  if (!shorthand) {
    throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Invalid model "${value}" (${root}): use "<provider>:<model>" with provider openai, anthropic, ollama or openai-compatible.`);
  }
  const base = configured.find((entry) => entry.provider === shorthand.provider) ?? configured[0];
  return ModelConfigSchema.parse({ ...base, ...shorthand });
}

/** The choices in force: `AgentOptions.model` when given, else the config's `model` section. */
function chosen(option: ModelChoice | readonly ModelChoice[] | undefined, configured: readonly ModelConfig[]): (ProviderModel | ModelConfig)[] {
  if (option === undefined) return [...configured];
  const list = asList(option);
  if (list.length === 0) throw new DowncityError(ErrorCodes.CONFIG_INVALID, 'The model list is empty: give at least one model, or leave "model" out to run without one.');
  return list.map((entry, index) => {
    const root = list.length === 1 && !Array.isArray(option) ? 'model' : `model[${index}]`;
    if (isLanguageModel(entry)) return checkModel(entry);
    if (typeof entry === 'string') return fromShorthand(entry, configured, root);
    return parseWithSchema(ModelConfigSchema, entry, { code: ErrorCodes.CONFIG_INVALID, subject: 'model config', root });
  });
}

/**
 * Resolves the models an agent's turns try, in order, from `AgentOptions.model` (one choice or a
 * list) or else the config's `model` section (one entry or a list). Each config entry keeps its own
 * retries, temperature, provider options and `callTimeoutMs`; a provider model object takes them
 * from the first config entry when there is one.
 *
 * @param option - `AgentOptions.model`.
 * @param section - The validated `model` config section.
 * @param env - Where API keys are read.
 */
export async function resolveModelCandidates(
  option: ModelChoice | readonly ModelChoice[] | undefined,
  section: ModelSection | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ResolvedModels> {
  const configured = section === undefined ? [] : asList(section);
  const choices = chosen(option, configured);
  const defaults = configured[0] ?? ModelConfigSchema.parse({ provider: 'openai', model: 'unset' });
  const candidates: ModelCandidate[] = [];
  for (const choice of choices) {
    const settings = isLanguageModel(choice) ? defaults : choice;
    const model = isLanguageModel(choice) ? choice : await resolveModel(choice, env);
    const id = isLanguageModel(choice) ? modelIdOf(choice) : `${choice.provider}:${choice.model}`;
    candidates.push({
      id,
      model: settings.callTimeoutMs === undefined ? model : withCallTimeout(model, id, settings.callTimeoutMs),
      maxRetries: settings.maxRetries,
      ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
      ...(settings.providerOptions ? { providerOptions: settings.providerOptions as ModelCandidate['providerOptions'] & object } : {}),
    });
  }
  const first = choices[0];
  return { candidates, turnTimeoutMs: (first === undefined || isLanguageModel(first) ? defaults : first).timeoutMs };
}
