import type { ChatAnswer } from './chat-answer.js';

/**
 * The non-streaming `chat.completion` object OpenAI returns for an answer.
 *
 * @param answer - The answer.
 * @returns The JSON response body.
 */
export function chatCompletionObject(answer: ChatAnswer): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: answer.content,
    refusal: null,
    annotations: [],
  };
  if (answer.toolCalls.length > 0) {
    message.tool_calls = answer.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: answer.id,
    object: 'chat.completion',
    created: answer.created,
    model: answer.model,
    system_fingerprint: 'fp_fake_openai',
    choices: [{ index: 0, message, logprobs: null, finish_reason: answer.finishReason }],
    usage: answer.usage,
  };
}
