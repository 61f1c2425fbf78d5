import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson, postJson } from '../api.js';
import { Link } from '../link.js';
import { QueryState } from '../query-state.js';
import type { TaskDetail, TaskRow, TaskRunView } from '../types.js';
import { CommandStatus, TaskButtons, useTaskCommands } from './task-commands.js';
import { describeSchedule, formatIso, isLive, nextRun, runDuration, statusClass, taskState } from './task-format.js';

/** Where a task's output goes, in words. */
function delivery(deliver: TaskRow['deliver']): string {
  if (deliver === 'none') return 'nowhere (kept on the run)';
  return 'sessionId' in deliver ? `chat session ${deliver.sessionId}` : `${deliver.target.channel} chat ${deliver.target.chatId}`;
}

/** What a run left: its output, or its error, or that it is still going. */
function RunResult(props: { run: TaskRunView }) {
  const { run } = props;
  if (run.error) return <p className="text error">{`${run.error.code}: ${run.error.message}`}</p>;
  if (run.output !== undefined) return <p className="text">{run.output || '(no text)'}</p>;
  return <p className="text muted">{isLive(run) ? 'Still running…' : '—'}</p>;
}

/** One task: what it does, its schedule and state, run now / pause / resume, and its newest runs (cancel a live one). */
export function TaskPage(props: { taskId: string }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['tasks', props.taskId],
    queryFn: () => getJson<TaskDetail>(`tasks/${encodeURIComponent(props.taskId)}?limit=20`),
    refetchInterval: (current) => (current.state.data?.runs.some(isLive) ? 1_000 : 5_000),
  });
  const commands = useTaskCommands();
  const [cancelNotice, setCancelNotice] = useState('');
  const cancel = useMutation({
    mutationFn: (runId: string) => postJson<{ run: TaskRunView; cancelled: boolean }>(`runs/${encodeURIComponent(runId)}/cancel`),
    onMutate: () => setCancelNotice(''),
    onSuccess: ({ cancelled }) => setCancelNotice(cancelled ? 'Run cancelled.' : 'That run had already finished.'),
    onSettled: () => client.invalidateQueries({ queryKey: ['tasks'] }),
  });
  return (
    <>
      <p>
        <Link to="tasks">← All tasks</Link>
      </p>
      <QueryState query={query} what="the task">
        {({ task, runs }) => (
          <>
            <h1>Task {task.name ?? task.id}</h1>
            <dl className="facts">
              <dt>Id</dt>
              <dd>{task.id}</dd>
              <dt>Schedule</dt>
              <dd>{describeSchedule(task.schedule)}</dd>
              <dt>Next run</dt>
              <dd>{nextRun(task)}</dd>
              <dt>State</dt>
              <dd>{taskState(task)}</dd>
              <dt>Each run</dt>
              <dd>{task.runs.kind === 'script' ? `runs the script ${task.runs.name}` : 'a model turn with the instructions below'}</dd>
              <dt>Output goes to</dt>
              <dd>{delivery(task.deliver)}</dd>
              <dt>Defined in</dt>
              <dd>{task.source === 'config' ? 'the config (services.task.tasks)' : 'the running agent (task/create)'}</dd>
            </dl>
            {task.instructions ? <p className="text instructions">{task.instructions}</p> : null}
            <div className="actions">
              <TaskButtons task={task} commands={commands} />
            </div>
            <CommandStatus commands={commands} />
            <h2>Recent runs</h2>
            <p role="status">{cancelNotice}</p>
            {cancel.isError ? <p role="alert" className="error">Cancel failed: {cancel.error.message}</p> : null}
            {runs.length === 0 ? (
              <p>No runs yet.</p>
            ) : (
              <table>
                <caption>{runs.length === 1 ? 'The only run' : `The newest ${runs.length} runs, newest first`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Status</th>
                    <th scope="col">Started</th>
                    <th scope="col">Took</th>
                    <th scope="col">Output</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((run) => (
                    <tr key={run.id}>
                      <td>
                        <Link to={`sessions/${run.sessionId}`}>{`${run.trigger} · ${formatIso(run.scheduledFor)}`}</Link>
                        {run.maxAttempts > 1 ? <div className="meta">attempt {run.attempt} of {run.maxAttempts}</div> : null}
                      </td>
                      <td>
                        <span className={statusClass(run.status)}>{run.status.replace('_', ' ')}</span>
                        {isLive(run) ? (
                          <div>
                            <button type="button" className="danger" disabled={cancel.isPending} onClick={() => cancel.mutate(run.id)} aria-label={`Cancel the ${run.trigger} run of ${formatIso(run.scheduledFor)}`}>
                              Cancel
                            </button>
                          </div>
                        ) : null}
                      </td>
                      <td>{formatIso(run.startedAt)}</td>
                      <td>{runDuration(run)}</td>
                      <td>
                        <RunResult run={run} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
