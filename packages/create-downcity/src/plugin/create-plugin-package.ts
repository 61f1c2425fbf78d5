import { createDependencySource } from '../dependencies/dependency-source.js';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';
import { generate } from '../project/generate.js';
import type { GeneratorHooks, GeneratorResult } from '../project/progress.js';
import { pluginShape } from '../templates/plugin/plugin-shape.js';
import { planPlugin } from './plan-plugin.js';
import type { PluginOptions } from './plugin-options.js';

/**
 * Writes a third-party plugin package (manifest, typed handlers for the attached points, tests with
 * `@downcity/testing`, README, manifest lint) and, unless `install` is false, installs its dependencies.
 * Refuses a non-empty folder unless `force`; never replaces or deletes an existing file.
 *
 * @param options - the plugin choices
 * @param hooks - progress and install output
 * @throws CreateDowncityError `USAGE`, `TARGET_NOT_EMPTY`, `LOCAL_PACKAGES` or `INSTALL_FAILED` (files stay written)
 */
export async function createPluginPackage(options: PluginOptions, hooks: GeneratorHooks = {}): Promise<GeneratorResult> {
  if (options.attach.length === 0) {
    throw new CreateDowncityError(CreateErrorCodes.USAGE, 'A plugin attaches to at least one extension point: pass --attach, e.g. --attach chat/before-reply.');
  }
  return generate(options, async () => planPlugin(pluginShape(options, await createDependencySource(options))), hooks);
}
