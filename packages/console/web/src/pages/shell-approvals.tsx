import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, getJson, postJson } from '../api.js';
import { formatTime } from '../format.js';
import { Link } from '../link.js';
import { QueryState } from '../query-state.js';
import type { ShellAnswerView, ShellOutcomeView, ShellRequestView } from '../types.js';

/** How often the waiting requests are asked for: new ones appear without a reload. */
const POLL_MS = 2_000;

/** An answer given on this page, kept to show the command's output. */
interface GivenAnswer {
  request: ShellRequestView;
  answer: ShellAnswerView;
}

/** An argv as a shell would read it back (only for display: the audit keeps the argv, not the shown text). */
function shownArgv(argv: string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** The outcome of one answer: the service's words, and the exit code and output when the command ran. */
function AnswerOutcome(props: { given: GivenAnswer }) {
  const { request, answer } = props.given;
  const result = answer.result;
  return (
    <article className="outcome" aria-label={`Outcome of ${request.id}`}>
      <p className="meta">
        <code>{request.id}</code> asked by {request.requestedBy}: <strong>{answer.status}</strong>
      </p>
      <pre aria-label={`Command ${request.id}`}>{request.command}</pre>
      {result ? (
        <>
          <p>
            Exit code <strong>{result.exitCode ?? `none (${result.signal ?? 'killed'})`}</strong>
            {result.timedOut ? ', stopped for running too long' : ''}
            {result.truncated ? ', output cut at the limit' : ''} — {result.durationMs} ms
          </p>
          <h4>stdout</h4>
          <pre aria-label={`stdout of ${request.id}`}>{result.stdout === '' ? '(empty)' : result.stdout}</pre>
          <h4>stderr</h4>
          <pre aria-label={`stderr of ${request.id}`}>{result.stderr === '' ? '(empty)' : result.stderr}</pre>
        </>
      ) : (
        <p>{answer.message}</p>
      )}
    </article>
  );
}

/** Shell commands waiting for approval (polled every 2 seconds), approve or deny as the operator, and the output. */
export function ShellApprovals() {
  const client = useQueryClient();
  const pending = useQuery({ queryKey: ['shell', 'pending'], queryFn: () => getJson<{ pending: ShellRequestView[] | null }>('shell/pending'), refetchInterval: POLL_MS });
  const answered = useQuery({ queryKey: ['shell', 'answered'], queryFn: () => getJson<{ answered: ShellOutcomeView[] | null }>('shell/answered'), refetchInterval: 5_000 });
  const [given, setGiven] = useState<GivenAnswer[]>([]);
  const [notice, setNotice] = useState('');
  const answer = useMutation({
    mutationFn: async ({ request, approve }: { request: ShellRequestView; approve: boolean }) => ({
      request,
      answer: await postJson<ShellAnswerView>(`shell/${encodeURIComponent(request.id)}/${approve ? 'approve' : 'deny'}`),
    }),
    onMutate: () => setNotice(''),
    onSuccess: (outcome) => {
      setGiven((list) => [outcome, ...list.filter((entry) => entry.request.id !== outcome.request.id)].slice(0, 10));
      setNotice(
        outcome.answer.status === 'ran'
          ? `Ran ${outcome.request.id}: exit code ${outcome.answer.result?.exitCode ?? 'none'}.`
          : outcome.answer.status === 'denied'
            ? `Denied ${outcome.request.id}: it will not run.`
            : outcome.answer.message,
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['shell'] }),
  });
  const notLoaded = pending.data?.pending === null;
  return (
    <section aria-labelledby="shell-heading">
      <h2 id="shell-heading">Shell commands</h2>
      <p className="muted">
        Commands the assistant asked to run that the shell policy does not allow on its own. Approving runs the command in the sandbox as if the person
        who asked had replied <code>/approve</code>; the conversation is told what you decided.
      </p>
      <p role="status">{notice}</p>
      {answer.isError ? (
        <p role="alert" className="error">
          Answer failed: {answer.error instanceof ApiError ? answer.error.message : String(answer.error)}
        </p>
      ) : null}
      <QueryState query={pending} what="shell requests">
        {({ pending: requests }) =>
          requests === null ? (
            <p>The shell service is not loaded, so no commands wait for approval.</p>
          ) : requests.length === 0 ? (
            <p>No shell commands are waiting.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Shell commands waiting for approval, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Command</th>
                  <th scope="col">Asked by</th>
                  <th scope="col">Session</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Why it needs approval</th>
                  <th scope="col">Answer</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((request) => (
                  <tr key={request.id}>
                    <td>
                      <pre aria-label={`Command ${request.id}`}>{request.command}</pre>
                      <span className="meta">
                        id <code>{request.id}</code>
                        {request.kind === 'session' ? ', in the persistent shell' : ''}
                      </span>
                    </td>
                    <td>{request.requestedBy}</td>
                    <td>
                      <Link to={`sessions/${request.sessionId}`}>{request.sessionId}</Link>
                    </td>
                    <td>
                      {formatTime(request.createdAt)}
                      <br />
                      <span className="meta">expires {formatTime(request.expiresAt)}</span>
                    </td>
                    <td className="reason">{request.reason}</td>
                    <td>
                      <div className="answer">
                        <button type="button" disabled={answer.isPending} onClick={() => answer.mutate({ request, approve: true })} aria-label={`Approve ${request.id}`}>
                          Approve
                        </button>
                        <button
                          type="button"
                          className="danger"
                          disabled={answer.isPending}
                          onClick={() => answer.mutate({ request, approve: false })}
                          aria-label={`Deny ${request.id}`}
                        >
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
      {given.length > 0 ? (
        <>
          <h3>Answered here</h3>
          {given.map((entry) => (
            <AnswerOutcome key={entry.request.id} given={entry} />
          ))}
        </>
      ) : null}
      {notLoaded ? null : (
        <>
          <h3>Recently answered</h3>
          <QueryState query={answered} what="answered shell requests">
            {({ answered: outcomes }) =>
              !outcomes || outcomes.length === 0 ? (
                <p>No shell request was answered yet.</p>
              ) : (
                <table>
                  <caption className="visually-hidden">Answered shell requests, newest first (from the shell audit log)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Command</th>
                      <th scope="col">Asked by</th>
                      <th scope="col">Outcome</th>
                      <th scope="col">Exit code</th>
                      <th scope="col">When</th>
                    </tr>
                  </thead>
                  <tbody>
                    {outcomes.map((outcome) => (
                      <tr key={`${outcome.approvalId}:${outcome.at}`}>
                        <td>
                          <code>{shownArgv(outcome.argv)}</code>
                        </td>
                        <td>{outcome.requestedBy}</td>
                        <td>
                          {outcome.outcome}
                          {outcome.approvedBy ? ` (approved by ${outcome.approvedBy})` : outcome.deniedBy ? ` (${outcome.deniedBy}: ${outcome.reason})` : ''}
                        </td>
                        <td>{outcome.exitCode ?? '—'}</td>
                        <td>{formatTime(outcome.at)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </QueryState>
        </>
      )}
    </section>
  );
}
