import { lines } from '../render.js';

/** The project's .gitignore: the agent's data folder, dependencies and secrets. */
export function projectGitignore(): string {
  return lines('# The agent\'s data: sessions, tasks, memories (one libSQL file) and package files.', '.downcity/', 'node_modules/', '# Secrets. .env.example lists every variable.', '.env', '*.log');
}
