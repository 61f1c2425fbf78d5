/**
 * `@downcity/cli`: the `downcity` command and the project loader it is built on. `loadProject`
 * turns a project folder (`downcity.config.ts`, `.env`, the packages in `use`) into an agent ready
 * to start; apps and generated tests use it directly.
 *
 * @packageDocumentation
 */
export { loadProject, type LoadProjectOptions, type Project } from './project/load-project.js';
export { readProjectConfig, type ProjectConfig, type ReadProjectConfigOptions } from './project/read-project-config.js';
export type { LoadedChannel, LoadedPackage, LoadedPlugin, LoadedService } from './project/loaded-package.js';
export type { ModelSummary } from './project/describe-model.js';
export type { TerminalMode } from './project/build-chat-service.js';
export type { WorkerSettings } from './project/create-worker-cluster.js';
export { redactConfig } from './project/redact-config.js';
export { runCli } from './cli/run-cli.js';
export { processIo, type CliIo, type OutputStream } from './cli/cli-io.js';
export { ExitCodes, type ExitCode } from './cli/exit-codes.js';
export { createControlClient, type ControlClient } from './control/control-client.js';
export type { AgentStatus } from './control/control-protocol.js';
