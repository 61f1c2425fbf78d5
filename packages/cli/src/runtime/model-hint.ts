/** The one line shown when no model is configured: what still works and every way to configure one. */
export const MODEL_HINT =
  'No model configured, so only commands, script tasks, memory search and auth work. To enable replies set DOWNCITY_MODEL=openai:gpt-4o-mini (with OPENAI_API_KEY), ' +
  'anthropic:claude-sonnet-4-5 (with ANTHROPIC_API_KEY), ollama:qwen2.5:7b (local Ollama, or OLLAMA_HOST) or openai-compatible:<model> (with DOWNCITY_MODEL_BASE_URL), or set model in downcity.config.ts, ' +
  'and install its provider package: @ai-sdk/openai, @ai-sdk/anthropic, ollama-ai-provider-v2 or @ai-sdk/openai-compatible.';
