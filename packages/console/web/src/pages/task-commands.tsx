import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { postJson } from '../api.js';
import type { TaskChange, TaskRow, TaskRunView } from '../types.js';
import { formatIso, hasSchedule } from './task-format.js';

type Command = { taskId: string; action: 'run' | 'pause' | 'resume' };

/** What a command answered, as a sentence for the status line. */
function outcome(command: Command, answer: { run: TaskRunView } | TaskChange): string {
  if ('run' in answer) return `Run of ${command.taskId} started (${answer.run.status}).`;
  const { task, changed } = answer;
  if (command.action === 'pause') return changed ? `Paused ${task.id}: its schedule will not fire until resumed.` : `${task.id} was already paused.`;
  return `${changed ? `Resumed ${task.id}` : `${task.id} was not paused`}; next run ${formatIso(task.nextRunAt)}.`;
}

/** Run now, pause and resume, with one status line and one error line for the page. */
export function useTaskCommands() {
  const client = useQueryClient();
  const [notice, setNotice] = useState('');
  const mutation = useMutation({
    mutationFn: async (command: Command) => outcome(command, await postJson<{ run: TaskRunView } | TaskChange>(`tasks/${encodeURIComponent(command.taskId)}/${command.action}`)),
    onMutate: () => setNotice(''),
    onSuccess: setNotice,
    onSettled: () => client.invalidateQueries({ queryKey: ['tasks'] }),
  });
  return { mutation, notice };
}

/** The status and error lines of {@link useTaskCommands}, announced to screen readers. */
export function CommandStatus(props: { commands: ReturnType<typeof useTaskCommands> }) {
  const { mutation, notice } = props.commands;
  return (
    <>
      <p role="status">{notice}</p>
      {mutation.isError ? (
        <p role="alert" className="error">
          That did not work: {mutation.error.message}
        </p>
      ) : null}
    </>
  );
}

/** Run now, and pause or resume (for tasks with a schedule), labelled with the task id. */
export function TaskButtons(props: { task: TaskRow; commands: ReturnType<typeof useTaskCommands> }) {
  const { task, commands } = props;
  const send = (action: Command['action']) => commands.mutation.mutate({ taskId: task.id, action });
  const busy = commands.mutation.isPending;
  return (
    <div className="answer">
      <button type="button" disabled={busy || !task.enabled} onClick={() => send('run')} aria-label={`Run ${task.id} now`}>
        Run now
      </button>
      {hasSchedule(task) ? (
        task.paused ? (
          <button type="button" disabled={busy} onClick={() => send('resume')} aria-label={`Resume ${task.id}`}>
            Resume
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => send('pause')} aria-label={`Pause ${task.id}`}>
            Pause
          </button>
        )
      ) : null}
    </div>
  );
}
