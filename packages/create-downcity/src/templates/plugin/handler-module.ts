import type { KnownPointName } from '../../plugin/extension-point-catalog.js';
import { KNOWN_POINTS } from '../../plugin/extension-point-catalog.js';
import { handlerNames } from './point-template.js';
import { lines } from '../render.js';

/**
 * A handler module: imports, TSDoc and a factory `(context) => HandlerFor<point>` around `body`.
 *
 * @param point - the point the handler attaches to
 * @param doc - the TSDoc summary lines
 * @param body - the factory body, indented by two spaces
 */
export function handlerModule(point: KnownPointName, doc: readonly string[], body: readonly string[]): string {
  const { functionName } = handlerNames(point);
  const declaring = KNOWN_POINTS[point].package;
  const typesImport =
    declaring === '@downcity/core' ? undefined : `import type {} from '${declaring}'; // brings the ${KNOWN_POINTS[point].service} extension point types into scope`;
  return lines(
    typesImport,
    "import type { ExecutionContext, HandlerFor } from '@downcity/core';",
    "import type { Config } from '../config.js';",
    '',
    '/**',
    ...doc.map((line) => ` * ${line}`),
    ' *',
    ' * @param context - the plugin\'s execution context: its validated config, logger, storage',
    ' */',
    `export function ${functionName}(context: ExecutionContext<Config>): HandlerFor<'${point}'> {`,
    ...body.map((line) => `  ${line}`),
    '}',
  );
}
