import type { GeneratedFile } from '../files/generated-file.js';
import { projectAgentTest } from '../templates/project/agent-test.js';
import { projectConfig } from '../templates/project/downcity-config.js';
import { projectEnvExample, projectEnvFile } from '../templates/project/env-files.js';
import { projectGitignore } from '../templates/project/gitignore.js';
import { projectGreetingPlugin } from '../templates/project/greeting-plugin.js';
import { projectPackageJson } from '../templates/project/package-json.js';
import { projectReadme } from '../templates/project/readme.js';
import { projectTsconfig } from '../templates/project/tsconfig.js';
import type { ProjectShape } from './project-shape.js';

/**
 * Every file of a new agent project (layout of decision 0004), rendered.
 *
 * @param shape - the project shape
 */
export function planProject(shape: ProjectShape): GeneratedFile[] {
  return [
    { path: 'package.json', content: projectPackageJson(shape) },
    { path: 'downcity.config.ts', content: projectConfig(shape) },
    { path: '.env.example', content: projectEnvExample(shape) },
    { path: '.env', content: projectEnvFile(shape) },
    { path: '.gitignore', content: projectGitignore() },
    { path: 'README.md', content: projectReadme(shape) },
    { path: 'tsconfig.json', content: projectTsconfig() },
    { path: 'src/plugins/greeting.ts', content: projectGreetingPlugin(shape) },
    { path: 'test/agent.test.ts', content: projectAgentTest(shape) },
  ];
}
