import type { EnvVariable } from '../../project/env-variables.js';
import type { ProjectShape } from '../../project/project-shape.js';
import { lines } from '../render.js';

function entry(variable: EnvVariable, value: string): string[] {
  const assignment = `${variable.name}=${value}`;
  return [...variable.comment.map((line) => `# ${line}`), variable.optional && value === '' ? `# ${assignment}` : assignment, ''];
}

function envText(shape: ProjectShape, header: readonly string[], valueOf: (variable: EnvVariable) => string): string {
  const body = shape.env.length === 0 ? ['# This configuration references no environment variables yet.', ''] : shape.env.flatMap((variable) => entry(variable, valueOf(variable)));
  return lines(...header, '', ...body, '# Optional: a model for this run without editing the config, e.g. openai:gpt-4o-mini or ollama:qwen2.5:7b.', '# DOWNCITY_MODEL=');
}

/**
 * The project's .env.example: every variable downcity.config.ts references, with where to get each value.
 *
 * @param shape - the project shape
 */
export function projectEnvExample(shape: ProjectShape): string {
  return envText(
    shape,
    [
      '# Environment for downcity.config.ts: copy to .env (never commit .env) and fill in the values.',
      '# Variables set in the real environment win over .env.',
    ],
    (variable) => variable.example,
  );
}

/**
 * The project's .env: like .env.example, with generated secrets (the HTTP token) filled in. Git-ignored.
 *
 * @param shape - the project shape
 */
export function projectEnvFile(shape: ProjectShape): string {
  return envText(shape, ['# Secrets and settings for this machine; git-ignored. .env.example documents every variable.'], (variable) => variable.value);
}
