import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api.js';
import { Link } from '../link.js';
import { QueryState } from '../query-state.js';
import type { TaskRow } from '../types.js';
import { CommandStatus, TaskButtons, useTaskCommands } from './task-commands.js';
import { describeSchedule, formatIso, isLive, nextRun, statusClass, taskState } from './task-format.js';

/** Tasks: schedules, next runs, paused state and the last run; run now, pause and resume. Polled every second while a run is live. */
export function TasksPage() {
  const query = useQuery({
    queryKey: ['tasks'],
    queryFn: () => getJson<{ tasks: TaskRow[] | null }>('tasks'),
    refetchInterval: (current) => (current.state.data?.tasks?.some((task) => isLive(task.lastRun)) ? 1_000 : 5_000),
  });
  const commands = useTaskCommands();
  return (
    <>
      <h1>Tasks</h1>
      <p className="muted">Scheduled and on-demand work of the task service. Pausing stops a schedule until it is resumed, also across restarts; Run now works on a paused task too.</p>
      <CommandStatus commands={commands} />
      <QueryState query={query} what="tasks">
        {({ tasks }) =>
          tasks === null ? (
            <p>The task service (@downcity/task) is not loaded, so there are no tasks.</p>
          ) : tasks.length === 0 ? (
            <p>No tasks yet: define them under services.task.tasks in the config, or create them with task/create.</p>
          ) : (
            <table>
              <caption>{tasks.length === 1 ? '1 task' : `${tasks.length} tasks`}</caption>
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Schedule</th>
                  <th scope="col">Next run</th>
                  <th scope="col">State</th>
                  <th scope="col">Last run</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {tasks.map((task) => (
                  <tr key={task.id}>
                    <td>
                      <Link to={`tasks/${task.id}`}>{task.name ?? task.id}</Link>
                      {task.name ? <div className="meta">{task.id}</div> : null}
                    </td>
                    <td>{describeSchedule(task.schedule)}</td>
                    <td>{nextRun(task)}</td>
                    <td>
                      {task.paused ? (
                        <>
                          paused
                          <div className="meta">
                            since {formatIso(task.paused.at)} by {task.paused.by}
                          </div>
                        </>
                      ) : (
                        taskState(task)
                      )}
                    </td>
                    <td>
                      {task.lastRun ? (
                        <>
                          <span className={statusClass(task.lastRun.status)}>{task.lastRun.status.replace('_', ' ')}</span>
                          <div className="meta">{formatIso(task.lastRun.finishedAt ?? task.lastRun.startedAt ?? task.lastRun.createdAt)}</div>
                        </>
                      ) : (
                        'never run'
                      )}
                    </td>
                    <td>
                      <TaskButtons task={task} commands={commands} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}
