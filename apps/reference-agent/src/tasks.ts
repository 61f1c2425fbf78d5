import type {} from '@downcity/memory';
import { createTaskService } from '@downcity/task';

/**
 * The task service with the reference agent's script handlers. Script tasks run without a model,
 * so they work before one is configured. A local file in `use` is loaded like a package: its
 * default export is the service definition.
 */
export default createTaskService({
  scripts: {
    /** A short summary of what the agent holds: chat sessions and shared memories. */
    digest: async ({ session, invoke, signal }) => {
      const sessions = await session.list({ kind: 'chat', limit: 1_000 });
      const { memories, more } = await invoke('memory/list', { scope: 'agent', limit: 1_000 }, { signal });
      const count = `${memories.length}${more ? '+' : ''}`;
      return `Digest: ${sessions.length} chat session${sessions.length === 1 ? '' : 's'}, ${count} shared ${memories.length === 1 ? 'memory' : 'memories'}.`;
    },
  },
});
