import { fileURLToPath } from 'node:url';
import { createTestProject as createProject, type TestProject } from '@downcity/verdaccio-harness';

/** The workspace's @downcity/core folder; test projects link it instead of installing it. */
export const CORE_DIR = fileURLToPath(new URL('../../core', import.meta.url));

/** A config file with comments and a multi-line use array, as a user would write it. */
export const CONFIG_TEXT = `import { defineConfig } from '@downcity/core';

// The agent used by the marketplace tests.
export default defineConfig({
  agent: { name: 'test-agent', instructions: 'Be brief.' },
  use: [
    './src/plugins/local.ts', // a local plugin
  ],
  plugins: {},
});
`;

/** Options for {@link createTestProject}. */
export interface TestProjectOptions {
  /** The `.npmrc` text pointing at the test registry. */
  npmrc: string;
  /** pnpm (link: core) or npm (file: core). */
  packageManager: 'pnpm' | 'npm';
  /** The config text (default {@link CONFIG_TEXT}). */
  config?: string;
}

/** A temp Downcity project with @downcity/core linked from the workspace, installed once, removed on dispose. */
export function createTestProject(options: TestProjectOptions): Promise<TestProject> {
  return createProject({
    npmrc: options.npmrc,
    packageManager: options.packageManager,
    links: { '@downcity/core': CORE_DIR },
    files: { 'downcity.config.ts': options.config ?? CONFIG_TEXT },
  });
}

export type { TestProject };
