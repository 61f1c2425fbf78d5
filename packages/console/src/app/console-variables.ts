import type { ConsoleSession } from '../auth/console-sessions.js';

/** What the console app knows about a signed-in request. */
export interface ConsoleVariables {
  /** The sign-in. */
  session: ConsoleSession;
  /** Its cookie value (to end it on sign-out). */
  cookie: string;
}
