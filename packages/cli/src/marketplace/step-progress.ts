import type { CommandContext } from '../cli/command.js';
import { startSpinner, type Spinner } from '../cli/spinner.js';

/** Progress over several named steps: each step ends the previous one. */
export interface StepProgress {
  /** Starts a step (ending the previous one as done); `undefined` shows nothing until the next step. */
  step(title: string | undefined): void;
  /** Ends the current step as done or failed. */
  end(ok: boolean): void;
}

/** Step progress on standard error (a spinner on a terminal, a plain line otherwise, nothing with `--json`). */
export function stepProgress(context: CommandContext): StepProgress {
  let current: Spinner | undefined;
  const end = (ok: boolean): void => {
    if (ok) current?.succeed();
    else current?.fail();
    current = undefined;
  };
  return {
    step(title) {
      end(true);
      if (title !== undefined && !context.output.json) current = startSpinner(context.io.stderr, title);
    },
    end,
  };
}
