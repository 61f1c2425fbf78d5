import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import type { AssistantModelMessage, ModelMessage, ToolModelMessage } from 'ai';
import { prepareRetries } from 'ai/internal';
import { redactSecrets } from '../secrets/secret-registry.js';
import type { TurnTools } from './model-tools.js';
import { toModelPrompt } from './to-model-prompt.js';

/** Token usage summed over a turn's steps. */
export interface LoopUsage {
  /** Prompt tokens. */
  inputTokens?: number;
  /** Completion tokens. */
  outputTokens?: number;
  /** Both. */
  totalTokens?: number;
}

/** Options for {@link runModelLoop}. */
export interface ModelLoopOptions {
  /** The provider model. */
  model: LanguageModelV3;
  /** The system prompt. */
  system: string;
  /** The prompt window. */
  messages: ModelMessage[];
  /** The turn's tools. */
  tools: TurnTools;
  /** Maximum steps. */
  maxSteps: number;
  /** Retries for 429 / 5xx, with exponential backoff honouring `retry-after`. */
  maxRetries: number;
  /** Sampling temperature. */
  temperature?: number;
  /** Cancels the loop. */
  signal: AbortSignal;
  /** When set, the model streams and each text delta is passed here. */
  onTextDelta?: (delta: string) => void;
  /** Called with each finished step's messages (assistant, then tool results); awaited before the next step. */
  onStep: (messages: (AssistantModelMessage | ToolModelMessage)[], step: { finishReason: string }) => Promise<void>;
}

/** The outcome of a loop. */
export interface ModelLoopResult {
  /** The last step's text. */
  text: string;
  /** Steps run. */
  steps: number;
  /** The last step's finish reason. */
  finishReason: string;
  /** Summed usage. */
  usage: LoopUsage;
}

interface StepOutput {
  content: LanguageModelV3Content[];
  finishReason: LanguageModelV3FinishReason;
  usage: LanguageModelV3Usage | undefined;
}

async function generateStep(model: LanguageModelV3, call: LanguageModelV3CallOptions): Promise<StepOutput> {
  const result = await model.doGenerate(call);
  return { content: result.content, finishReason: result.finishReason, usage: result.usage };
}

async function streamStep(model: LanguageModelV3, call: LanguageModelV3CallOptions, onTextDelta: (delta: string) => void): Promise<StepOutput> {
  const { stream } = await model.doStream(call);
  const texts = new Map<string, string>();
  const content: LanguageModelV3Content[] = [];
  let finishReason: LanguageModelV3FinishReason = { unified: 'other', raw: undefined };
  let usage: LanguageModelV3Usage | undefined;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value as LanguageModelV3StreamPart;
    switch (part.type) {
      case 'text-delta':
        texts.set(part.id, (texts.get(part.id) ?? '') + part.delta);
        onTextDelta(part.delta);
        break;
      case 'text-end':
        content.push({ type: 'text', text: texts.get(part.id) ?? '' });
        texts.delete(part.id);
        break;
      case 'tool-call':
        content.push(part);
        break;
      case 'finish':
        finishReason = part.finishReason;
        usage = part.usage;
        break;
      case 'error':
        throw part.error;
      default:
        break;
    }
  }
  for (const text of texts.values()) content.push({ type: 'text', text });
  return { content, finishReason, usage };
}

function parseInput(input: string): unknown {
  try {
    return input.trim() === '' ? {} : JSON.parse(input);
  } catch {
    return undefined;
  }
}

const add = (left: number | undefined, right: number | undefined): number | undefined =>
  left === undefined && right === undefined ? undefined : (left ?? 0) + (right ?? 0);

/**
 * The multi-step model loop, on the AI SDK's provider interface (`LanguageModelV3`) and its
 * retry policy: call the model, run the tool calls it makes through the action registry, store
 * the step, and repeat until it answers without tools or `maxSteps` is reached.
 */
export async function runModelLoop(options: ModelLoopOptions): Promise<ModelLoopResult> {
  const { model, tools, signal } = options;
  const { retry } = prepareRetries({ maxRetries: options.maxRetries, abortSignal: signal });
  let prompt: LanguageModelV3Prompt = await toModelPrompt({ model, system: options.system, messages: options.messages, signal });
  const usage: LoopUsage = {};
  let text = '';
  let finishReason = 'other';
  let steps = 0;
  while (steps < options.maxSteps) {
    steps++;
    const call: LanguageModelV3CallOptions = {
      prompt,
      abortSignal: signal,
      ...(tools.definitions.length > 0 ? { tools: tools.definitions, toolChoice: { type: 'auto' } } : {}),
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    };
    const onTextDelta = options.onTextDelta;
    const output = await retry(() => (onTextDelta ? streamStep(model, call, onTextDelta) : generateStep(model, call)));
    usage.inputTokens = add(usage.inputTokens, output.usage?.inputTokens.total);
    usage.outputTokens = add(usage.outputTokens, output.usage?.outputTokens.total);
    usage.totalTokens = add(usage.inputTokens, usage.outputTokens);
    finishReason = output.finishReason.unified;

    const assistantParts: AssistantModelMessage['content'] & unknown[] = [];
    const calls: { toolCallId: string; toolName: string; input: unknown }[] = [];
    text = '';
    for (const part of output.content) {
      if (part.type === 'text') {
        text += part.text;
        if (part.text) assistantParts.push({ type: 'text', text: part.text });
      } else if (part.type === 'reasoning') {
        assistantParts.push({ type: 'reasoning', text: part.text });
      } else if (part.type === 'tool-call' && !part.providerExecuted) {
        const input = parseInput(part.input);
        calls.push({ toolCallId: part.toolCallId, toolName: part.toolName, input });
        assistantParts.push({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: input ?? part.input });
      }
    }
    const stepMessages: (AssistantModelMessage | ToolModelMessage)[] = [{ role: 'assistant', content: assistantParts }];
    if (calls.length > 0) {
      const results: ToolModelMessage['content'] = [];
      for (const toolCall of calls) {
        let output: ToolModelMessage['content'][number] extends infer Part ? (Part extends { output: infer Output } ? Output : never) : never;
        if (toolCall.input === undefined) {
          output = { type: 'error-text', value: 'The tool arguments were not valid JSON.' };
        } else {
          try {
            output = { type: 'json', value: (await tools.execute(toolCall.toolName, toolCall.input, signal)) as never };
          } catch (error) {
            if (signal.aborted) throw error;
            output = { type: 'error-text', value: redactSecrets(error instanceof Error ? error.message : String(error)) };
          }
        }
        results.push({ type: 'tool-result', toolCallId: toolCall.toolCallId, toolName: toolCall.toolName, output });
      }
      stepMessages.push({ role: 'tool', content: results });
    }
    await options.onStep(stepMessages, { finishReason });
    if (calls.length === 0) break;
    prompt = [...prompt, ...(await toModelPrompt({ model, system: '', messages: stepMessages, signal })).slice(1)];
  }
  return { text, steps, finishReason, usage };
}
