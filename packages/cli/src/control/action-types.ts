/**
 * Brings the action signatures of the services and plugins the CLI drives (`chat/*`, `task/*`,
 * `memory/*`, `auth/*`, `console/*`) into the type program, so control-socket calls are typed. Types only: at
 * run time the CLI calls actions by name and never imports these packages.
 */
import type {} from '@downcity/auth';
import type {} from '@downcity/chat';
import type {} from '@downcity/console';
import type {} from '@downcity/memory';
import type {} from '@downcity/task';
