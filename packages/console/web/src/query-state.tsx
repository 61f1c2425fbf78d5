import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/** Loading and error states of a query, announced to screen readers; renders `children` with the data. */
export function QueryState<T>(props: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  const { query } = props;
  if (query.isPending) return <p role="status">Loading {props.what}…</p>;
  if (query.isError) return <p role="alert" className="error">Could not load {props.what}: {query.error.message}</p>;
  return <>{props.children(query.data)}</>;
}
