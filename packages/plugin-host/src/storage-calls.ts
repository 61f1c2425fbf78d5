import type { ExecutionContext, SearchDocument, WriteOperation } from '@downcity/core';
import type { ContextMethod } from './protocol.js';

/** The plugin's own search namespace: `<id>:<namespace>`, the same prefix its collections get. */
function ownNamespace(id: string, namespace: unknown): string {
  if (typeof namespace !== 'string' || namespace.length === 0) throw new Error('A search namespace must be a non-empty string.');
  return `${id}:${namespace}`;
}

function queryOf(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new Error(`context.storage.search.${what} needs a query object ({ namespace, scopes, limit, ... }).`);
  return value as Record<string, unknown>;
}

const BATCH_TYPES = new Set<WriteOperation['type']>(['message.append', 'collection.put', 'collection.delete', 'session.update']);

/**
 * An isolated plugin's `context.storage.search` and `context.storage.batch` calls, answered in the agent. Every
 * search namespace is forced into the plugin's own `<id>:` prefix (as its collections are), so it cannot read or
 * overwrite another package's index; batch collections are namespaced by `context.storage.batch` itself and
 * session writes act on shared sessions, exactly as in process (and as its session calls may).
 */
export async function storageCall(context: ExecutionContext<unknown>, method: ContextMethod, args: unknown[]): Promise<unknown> {
  const search = context.storage.search;
  switch (method) {
    case 'storage.search.upsert': {
      const document = queryOf(args[0], 'upsert') as unknown as SearchDocument;
      return search.upsert({ ...document, namespace: ownNamespace(context.id, document.namespace) });
    }
    case 'storage.search.remove':
      return search.remove(ownNamespace(context.id, args[0]), args[1] as string);
    case 'storage.search.text': {
      const query = queryOf(args[0], 'searchText') as Parameters<typeof search.searchText>[0];
      return search.searchText({ ...query, namespace: ownNamespace(context.id, query.namespace) });
    }
    case 'storage.search.vector': {
      const query = queryOf(args[0], 'searchVector') as Parameters<typeof search.searchVector>[0];
      return search.searchVector({ ...query, namespace: ownNamespace(context.id, query.namespace) });
    }
    case 'storage.batch': {
      const operations = args[0];
      if (!Array.isArray(operations)) throw new Error('context.storage.batch needs an array of operations.');
      for (const operation of operations as { type?: unknown; collection?: unknown }[]) {
        if (typeof operation !== 'object' || operation === null || !BATCH_TYPES.has(operation.type as WriteOperation['type'])) {
          throw new Error(`context.storage.batch: unknown operation type "${String(operation?.type)}" (use ${[...BATCH_TYPES].join(', ')}).`);
        }
        if ((operation.type === 'collection.put' || operation.type === 'collection.delete') && (typeof operation.collection !== 'string' || operation.collection.length === 0)) {
          throw new Error('context.storage.batch: a collection name must be a non-empty string.');
        }
      }
      return context.storage.batch(operations as WriteOperation[]);
    }
    default:
      throw new Error(`Unknown storage call "${method}".`);
  }
}
