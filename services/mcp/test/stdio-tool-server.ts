/**
 * A real process serving a small in-memory tool source over stdio with `serveToolsOverStdio`: `demo_grow` adds
 * the tool `demo_new` (so connected clients are told the list changed). Writes "closed" to stderr once the
 * server ended because its stdin did.
 */
import { DowncityError, ErrorCodes, type ToolActionInfo } from '@downcity/core';
import { serveToolsOverStdio } from '../src/server/serve-stdio.js';

const tool = (name: string, description: string): ToolActionInfo => ({ action: name.replace('_', '/'), name, description, inputSchema: { type: 'object', properties: {} } });
const tools: ToolActionInfo[] = [tool('demo_grow', 'Add the tool demo_new.')];
const listeners = new Set<() => void>();

await serveToolsOverStdio({
  source: {
    list: () => tools,
    call: async (name) => {
      if (name !== 'demo_grow') throw new DowncityError(ErrorCodes.ACTION_UNKNOWN, `No tool "${name}".`);
      tools.push(tool('demo_new', 'A tool added at run time.'));
      for (const listener of listeners) listener();
      return { added: 'demo_new' };
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  },
});
process.stderr.write('closed\n');
