/**
 * `@downcity/testing`: test helpers for Downcity agents, services and plugins.
 *
 * @packageDocumentation
 */
export { startFakeOpenAI } from './fake-openai/start-fake-openai.js';
export type { FakeOpenAI, FakeOpenAIOptions } from './fake-openai/fake-openai.js';
export type { FakeReply, FakeReplyTiming, HangReply, TranscriptionReply } from './fake-openai/fake-reply.js';
export type { FakeChatRequest, FakeModelRequest, FakeResponsesRequest, RecordedFile, RecordedForm, RecordedRequest } from './fake-openai/recorded-request.js';
export { lastResponsesUserText, type ResponsesRequestBody } from './fake-openai/responses-request.js';
export type { ResponsesOutputItem } from './fake-openai/responses-answer.js';
export { startFakeAnthropic } from './fake-anthropic/start-fake-anthropic.js';
export type {
  AnthropicBlock,
  AnthropicRedactedThinkingBlock,
  AnthropicReply,
  AnthropicRequestBody,
  AnthropicTextBlock,
  AnthropicThinkingBlock,
  AnthropicToolUseBlock,
  FakeAnthropic,
  FakeAnthropicOptions,
  FakeAnthropicRequest,
} from './fake-anthropic/fake-anthropic.js';
export { startFakeOllama } from './fake-ollama/start-fake-ollama.js';
export type {
  FakeOllama,
  FakeOllamaOptions,
  FakeOllamaRequest,
  OllamaChatMessage,
  OllamaChatRequestBody,
  OllamaMessageReply,
  OllamaReply,
  OllamaToolCall,
  OllamaToolCallReply,
} from './fake-ollama/fake-ollama.js';
export { lastUserText, messageText } from './fake-openai/chat-completion-request.js';
export type {
  ChatCompletionRequestBody,
  ChatContentPart,
  ChatMessage,
  ChatMessageToolCall,
  ChatTool,
} from './fake-openai/chat-completion-request.js';
export { hashEmbedding } from './fake-openai/hash-embedding.js';
export { createScriptedModel } from './scripted-model/create-scripted-model.js';
export type { ScriptedModel, ScriptedModelCall, ScriptedModelOptions } from './scripted-model/create-scripted-model.js';
export type {
  ErrorReply,
  HoldOption,
  ScriptedErrorSpec,
  ScriptedReply,
  ScriptedUsage,
  ScriptedToolCall,
  TextReply,
  UsageOption,
  ToolCallsReply,
} from './scripted-model/scripted-reply.js';
export type { ReplySource } from './scripted-model/reply-script.js';
export { describeStoreConformance, type StoreConformanceOptions } from './store-conformance.js';
export { startTestAgent, type TestAgent, type TestAgentOptions } from './harness/start-test-agent.js';
export { recordingLogger, type RecordedLine, type RecordingLogger } from './recording-logger.js';
export { openResources, resourcesLeftOpen } from './resources/open-resources.js';
export { closedPort } from './network/closed-port.js';
