import type { DependencySource } from '../../dependencies/dependency-source.js';
import { KNOWN_POINTS } from '../../plugin/extension-point-catalog.js';
import type { PluginOptions } from '../../plugin/plugin-options.js';
import { chatPointTemplates } from './chat-points.js';
import type { PointTemplate, TestNeed } from './point-template.js';
import { servicePointTemplates } from './service-points.js';

/** What the plugin templates render from. */
export interface PluginShape {
  /** The choices. */
  options: PluginOptions;
  /** The templates of the attached points, in the order given. */
  points: readonly PointTemplate[];
  /** Everything the tests need running. */
  needs: ReadonlySet<TestNeed>;
  /** The service packages the plugin attaches to (peer and dev dependencies), without core. */
  servicePackages: readonly ('@downcity/chat' | '@downcity/task' | '@downcity/shell')[];
  /** Where dependency specs come from. */
  source: DependencySource;
}

/**
 * Derives the plugin shape from the choices.
 *
 * @param options - the plugin choices
 * @param source - released versions or local links
 */
export function pluginShape(options: PluginOptions, source: DependencySource): PluginShape {
  const all = [...chatPointTemplates(options.id), ...servicePointTemplates()];
  const points = options.attach.map((point) => all.find((template) => template.point === point)).filter((template): template is PointTemplate => template !== undefined);
  const servicePackages = [...new Set(options.attach.map((point) => KNOWN_POINTS[point].package))].filter(
    (name): name is '@downcity/chat' | '@downcity/task' | '@downcity/shell' => name !== '@downcity/core',
  );
  return { options, points, needs: new Set(points.flatMap((point) => point.needs)), servicePackages: servicePackages.sort(), source };
}
