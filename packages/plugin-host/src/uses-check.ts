import { DowncityError, ErrorCodes } from '@downcity/core';

/** Whether plugin `id` may call action `name`: one its manifest lists in `permissions.uses`, or its own. */
export function mayInvoke(id: string, uses: ReadonlySet<string>, name: unknown): name is string {
  return typeof name === 'string' && (uses.has(name) || name.startsWith(`${id}/`));
}

/** The error for an action the plugin did not list: names the action and the fix. */
export function notUsedError(id: string, name: unknown, how = 'invoke'): DowncityError {
  return new DowncityError(
    ErrorCodes.DENIED,
    `Plugin "${id}" may not ${how} "${String(name)}": an isolated plugin invokes only the actions its manifest lists. Add "${String(name)}" to "uses" in the "permissions" of the "downcity" field of its package.json.`,
  );
}
