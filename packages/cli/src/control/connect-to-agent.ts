import type { CommandContext } from '../cli/command.js';
import { readProjectConfig } from '../project/read-project-config.js';
import { createControlClient, type ControlClient } from './control-client.js';

/** A client for the running agent of the command's project (its socket is `<dataDir>/control.sock`). */
export async function connectToAgent(context: CommandContext): Promise<ControlClient> {
  const project = await readProjectConfig(context.cwd, { env: context.io.env });
  return createControlClient(project.controlSocket, project.dir);
}
