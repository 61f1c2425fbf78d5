import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';

const isModuleNotFound = (error: unknown, specifier: string): boolean =>
  error instanceof Error &&
  ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' || (error as { code?: unknown }).code === 'MODULE_NOT_FOUND') &&
  error.message.includes(specifier);

/**
 * Imports an optional provider package on demand. A missing package becomes a clear error that
 * names the package to install; any other failure is passed on.
 *
 * @param specifier - The package, e.g. `@ai-sdk/openai`.
 * @param load - The `import()` of that package (a literal, so bundlers and type checkers see it).
 * @param provider - The configured provider name, for the message.
 */
export async function loadProvider<Module>(specifier: string, load: () => Promise<Module>, provider: string): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    if (!isModuleNotFound(error, specifier)) throw error;
    throw new DowncityError(
      ErrorCodes.CONFIG_INVALID,
      `Model provider "${provider}" needs the package ${specifier}, which is not installed. Install it next to @downcity/core: \`pnpm add ${specifier}\` (or npm install ${specifier}).`,
      { cause: error, details: { path: 'model.provider', package: specifier } },
    );
  }
}
