import { DowncityError, type FieldProblem } from '@downcity/core';
import { defineCommand } from '../cli/command.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { loadProject } from '../project/load-project.js';
import { redactConfig } from '../project/redact-config.js';
import { silentLogger } from '../project/silent-logger.js';

function problemsOf(error: DowncityError): FieldProblem[] {
  const problems = error.details.problems;
  return Array.isArray(problems) ? (problems as FieldProblem[]) : [];
}

/** `downcity config validate`: checks the config and every package in use, without starting anything. */
export const configValidateCommand = defineCommand({
  name: 'config validate',
  summary: 'Check downcity.config.ts and every package in use (exit 3 with field paths when invalid)',
  options: { print: { type: 'boolean', description: 'Also print the resolved config, secrets redacted' } },
  details: [
    'Reads .env, interpolates ${NAME} references, validates the agent config, resolves each `use` entry and its manifest,',
    'and checks each service\'s, plugin\'s and channel\'s settings against its schema. Nothing is started.',
  ],
  async run(context) {
    let project;
    try {
      project = await loadProject(context.cwd, { env: context.io.env, logger: silentLogger() });
    } catch (error) {
      if (!DowncityError.is(error) || !['CONFIG_INVALID', 'MANIFEST_INVALID'].includes(error.code)) throw error;
      const problems = problemsOf(error);
      context.output.result({ valid: false, code: error.code, message: error.message, problems }, ({ message }) => [`✗ ${message}`]);
      return ExitCodes.invalidConfig;
    }
    const packages = project.packages.map(({ specifier, kind, id, name, version }) => ({ specifier, kind, id, name, version }));
    const print = context.options.print === true;
    context.output.result(
      { valid: true, configFile: project.configFile, packages, ...(print ? { config: redactConfig(project.config) } : {}) },
      (value) => [
        `✓ ${value.configFile} is valid: ${packages.length} package${packages.length === 1 ? '' : 's'} in use${packages.length > 0 ? ` (${packages.map((entry) => entry.id).join(', ')})` : ''}.`,
        ...(print ? [JSON.stringify(value.config, null, 2)] : []),
      ],
    );
  },
});
