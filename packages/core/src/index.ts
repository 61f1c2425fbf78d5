/**
 * `@downcity/core`: the agent host, execution context, session, store, service and plugin contracts.
 *
 * @packageDocumentation
 */
export type * from './store/store.js';
