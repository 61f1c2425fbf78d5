import pkg from '../package.json' with { type: 'json' };

/** The version of `@downcity/core` that is running. */
export const coreVersion: string = pkg.version;
