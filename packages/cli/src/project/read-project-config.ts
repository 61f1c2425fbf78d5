import path from 'node:path';
import { AgentConfigSchema, DowncityError, ErrorCodes, interpolateEnv, parseWithSchema, type AgentConfig, type AgentConfigInput } from '@downcity/core';
import { findConfigFile } from './find-config-file.js';
import { importModule } from './import-module.js';
import { applyDotenv } from './read-dotenv.js';
import { withStoreFromEnv } from './store-from-env.js';

/** A project's config, read and validated, before any package is loaded. */
export interface ProjectConfig {
  /** The project folder, absolute. */
  dir: string;
  /** The config file, absolute. */
  configFile: string;
  /** The environment the config was interpolated with (`.env` applied). */
  env: Record<string, string | undefined>;
  /** The config as written, with `${NAME}` references replaced. */
  input: AgentConfigInput;
  /** The config as validated by `AgentConfigSchema` (defaults applied). */
  config: AgentConfig;
  /** The data folder, absolute (`agent.dataDir` relative to the project folder). */
  dataDir: string;
  /** The control socket of a running agent: `<dataDir>/control.sock`. */
  controlSocket: string;
}

/** Options for {@link readProjectConfig}. */
export interface ReadProjectConfigOptions {
  /** The environment (default `process.env`); `.env` fills in what it lacks. */
  env?: Record<string, string | undefined>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a project's config (decision 0004, steps 1-3): applies `.env` (existing variables win),
 * imports `downcity.config.ts` with jiti, replaces `${NAME}` references, takes a PostgreSQL store from
 * `DOWNCITY_DATABASE_URL` when the config names no store, and validates the result
 * with `AgentConfigSchema`, naming each bad field.
 */
export async function readProjectConfig(dir: string, options: ReadProjectConfigOptions = {}): Promise<ProjectConfig> {
  const projectDir = path.resolve(dir);
  const env = options.env ?? process.env;
  await applyDotenv(projectDir, env);
  const configFile = await findConfigFile(projectDir);
  let module: Record<string, unknown>;
  try {
    module = await importModule(configFile);
  } catch (error) {
    throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Cannot load ${configFile}: ${(error as Error).message}`, { cause: error, details: { file: configFile } });
  }
  const written = module.default;
  if (!isPlainObject(written)) {
    throw new DowncityError(
      ErrorCodes.CONFIG_INVALID,
      `${path.basename(configFile)} must default-export the config object: \`export default defineConfig({ ... })\` (found ${written === undefined ? 'no default export' : typeof written}).`,
      { details: { file: configFile } },
    );
  }
  const input = withStoreFromEnv(interpolateEnv(written, env) as AgentConfigInput, env);
  const config = parseWithSchema(AgentConfigSchema, input, { code: ErrorCodes.CONFIG_INVALID, subject: `config in ${path.basename(configFile)}` });
  const dataDir = path.resolve(projectDir, config.agent.dataDir);
  return { dir: projectDir, configFile, env, input, config, dataDir, controlSocket: path.join(dataDir, 'control.sock') };
}
