import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson, postJson } from '../api.js';
import { formatTime } from '../format.js';
import { QueryState } from '../query-state.js';
import type { PairingApproved, PairingRequestView } from '../types.js';
import { ShellApprovals } from './shell-approvals.js';

/** Approvals: pairing requests of the auth plugin (polled every 5 seconds) and shell commands waiting for approval; approve or deny. */
export function ApprovalsPage() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['pairing'], queryFn: () => getJson<{ pending: PairingRequestView[] | null }>('pairing'), refetchInterval: 5_000 });
  const refresh = () => client.invalidateQueries({ queryKey: ['pairing'] });
  // The outcome of the latest answer, announced to screen readers.
  const [notice, setNotice] = useState('');
  const approve = useMutation({
    mutationFn: (code: string) => postJson<PairingApproved>(`pairing/${encodeURIComponent(code)}/approve`),
    onMutate: () => setNotice(''),
    onSuccess: (approved) => setNotice(`Approved ${approved.principalId} as ${approved.role}.`),
    onSettled: refresh,
  });
  const deny = useMutation({
    mutationFn: (principalId: string) => postJson<{ denied: boolean }>('pairing/deny', { principalId }),
    onMutate: () => setNotice(''),
    onSuccess: ({ denied }) => setNotice(denied ? 'Request denied.' : 'That request was already gone.'),
    onSettled: refresh,
  });
  const busy = approve.isPending || deny.isPending;
  return (
    <>
      <h1>Approvals</h1>
      <h2>Pairing requests</h2>
      <p className="muted">People the agent does not know yet who wrote to it and received a pairing code. Approving gives them the pairing role.</p>
      <p role="status">{notice}</p>
      {approve.isError ? <p role="alert" className="error">Approve failed: {approve.error.message}</p> : null}
      {deny.isError ? <p role="alert" className="error">Deny failed: {deny.error.message}</p> : null}
      <QueryState query={query} what="pairing requests">
        {({ pending }) =>
          pending === null ? (
            <p>The auth plugin is not loaded, so there are no pairing requests.</p>
          ) : pending.length === 0 ? (
            <p>No pairing requests are waiting.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Pairing requests, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Who</th>
                  <th scope="col">Name they gave (not verified)</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Answer</th>
                </tr>
              </thead>
              <tbody>
                {pending.map((request) => (
                  <tr key={request.code}>
                    <td>
                      <code>{request.code}</code>
                    </td>
                    <td>{request.principalId}</td>
                    <td>{request.displayName ?? '—'}</td>
                    <td>{formatTime(request.createdAt)}</td>
                    <td>{formatTime(request.expiresAt)}</td>
                    <td>
                      <div className="answer">
                      <button type="button" disabled={busy} onClick={() => approve.mutate(request.code)} aria-label={`Approve ${request.principalId}`}>
                        Approve
                      </button>
                      <button type="button" className="danger" disabled={busy} onClick={() => deny.mutate(request.principalId)} aria-label={`Deny ${request.principalId}`}>
                        Deny
                      </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      <ShellApprovals />
    </>
  );
}
