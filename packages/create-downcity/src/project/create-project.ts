import { createDependencySource } from '../dependencies/dependency-source.js';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';
import { generate } from './generate.js';
import { planProject } from './plan-project.js';
import type { GeneratorHooks, GeneratorResult } from './progress.js';
import type { ProjectOptions } from './project-options.js';
import { projectShape } from './project-shape.js';

/**
 * Writes a new Downcity agent project (decision 0004's layout) and, unless `install` is false, installs its
 * dependencies. Refuses a non-empty folder unless `force`; never replaces or deletes an existing file.
 * `chat` is added to the features when missing: the channels and the sample plugin need it.
 *
 * @param options - the project choices
 * @param hooks - progress and install output
 * @throws CreateDowncityError `USAGE`, `TARGET_NOT_EMPTY`, `LOCAL_PACKAGES` or `INSTALL_FAILED` (files stay written)
 *
 * @example
 * ```ts
 * await createProject({ name: 'my-agent', directory: '/tmp/my-agent', model: 'openai', channels: ['terminal'],
 *   features: ['chat', 'memory'], packageManager: 'npm', install: true, force: false });
 * ```
 */
export async function createProject(options: ProjectOptions, hooks: GeneratorHooks = {}): Promise<GeneratorResult> {
  if (options.channels.length === 0) {
    throw new CreateDowncityError(CreateErrorCodes.USAGE, 'An agent needs at least one channel: pass --channels, e.g. --channels terminal,http.');
  }
  const normalized: ProjectOptions = { ...options, features: options.features.includes('chat') ? options.features : ['chat', ...options.features] };
  return generate(normalized, async () => planProject(projectShape(normalized, await createDependencySource(normalized))), hooks);
}
