/** The `.env.example` that `downcity init` writes. Copy it to `.env` and fill in what you use. */
export const ENV_TEMPLATE = `# Copy to .env (never commit .env). Existing environment variables win over .env.

# The model: <provider>:<model> with provider openai, anthropic, ollama or openai-compatible. Install its
# package next to @downcity/core: @ai-sdk/openai, @ai-sdk/anthropic, ollama-ai-provider-v2 (Ollama's native
# API) or @ai-sdk/openai-compatible.
DOWNCITY_MODEL=openai:gpt-4o-mini
OPENAI_API_KEY=
# ANTHROPIC_API_KEY=
# Ollama on another host (OLLAMA_HOST also works, as for the ollama CLI):
# DOWNCITY_MODEL_BASE_URL=http://gpu-box:11434/api
# For openai-compatible endpoints (vLLM, LM Studio, DeepSeek...):
# DOWNCITY_MODEL_BASE_URL=http://127.0.0.1:8000/v1

# The HTTP channel's shared bearer token, when you turn it on in downcity.config.ts. It speaks only as
# http:shared (never an owner); give each person a token of their own: downcity auth token create <user>.
# DOWNCITY_HTTP_TOKEN=

# trace, debug, info, warn, error, fatal or silent.
# DOWNCITY_LOG_LEVEL=info
`;
