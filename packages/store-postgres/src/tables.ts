import { storeError, storeErrorCodes } from './store-error.js';

/** The schema-qualified, quoted names of the store's tables, ready to put in SQL. */
export interface Tables {
  /** The quoted schema name. */
  schema: string;
  /** The raw schema name (for the advisory lock key and messages). */
  schemaName: string;
  /** `sessions`. */
  sessions: string;
  /** `messages`. */
  messages: string;
  /** `collections`. */
  collections: string;
  /** `search_documents`. */
  searchDocuments: string;
  /** `search_vector_dimensions`. */
  searchVectorDimensions: string;
  /** `downcity_migrations`, the schema-migrations ledger. */
  migrations: string;
}

/** The largest identifier PostgreSQL keeps without truncating it. */
const MAX_IDENTIFIER_BYTES = 63;

/** Quotes `schema` as an identifier and names every table in it. Rejects names PostgreSQL would change. */
export function tablesIn(schema: string): Tables {
  if (typeof schema !== 'string' || schema.length === 0 || Buffer.byteLength(schema) > MAX_IDENTIFIER_BYTES || schema.includes('\0')) {
    throw storeError(
      storeErrorCodes.invalidInput,
      `The schema name must be 1 to ${MAX_IDENTIFIER_BYTES} bytes without NUL characters (got ${JSON.stringify(schema)}).`,
    );
  }
  const quoted = `"${schema.replaceAll('"', '""')}"`;
  const table = (name: string) => `${quoted}.${name}`;
  return {
    schema: quoted,
    schemaName: schema,
    sessions: table('sessions'),
    messages: table('messages'),
    collections: table('collections'),
    searchDocuments: table('search_documents'),
    searchVectorDimensions: table('search_vector_dimensions'),
    migrations: table('downcity_migrations'),
  };
}
