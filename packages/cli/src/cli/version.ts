import pkg from '../../package.json' with { type: 'json' };

/** The version of `@downcity/cli` that is running. */
export const cliVersion: string = pkg.version;
