import { createLogger, type Logger } from '@downcity/core';

/** A logger that writes nothing, for commands that load a project without running it. */
export function silentLogger(): Logger {
  return createLogger({ level: 'silent', destination: { write: () => {} } });
}
