import { z } from 'zod';

/** The body of `POST /invoke` on the control socket. */
export const InvokeRequestSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, 'must be an action name "<package>/<action>"'),
    input: z.unknown().default({}),
    principal: z
      .object({ id: z.string().min(1), channel: z.string().optional(), account: z.string().optional(), displayName: z.string().optional() })
      .strict()
      .optional(),
    sessionId: z.string().min(1).optional(),
  })
  .strict();

/** A parsed `POST /invoke` body. */
export type InvokeRequest = z.output<typeof InvokeRequestSchema>;

/** The body of `POST /tools/call`: a tool action, by tool name (`chat_send`) or action name, called as the operator. */
export const ToolCallRequestSchema = z
  .object({
    name: z.string().min(1).max(200),
    input: z.unknown().default({}),
  })
  .strict();

/** An error answer on the control socket. */
export interface ControlErrorBody {
  /** The error. */
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** The largest request body the control socket reads. */
export const MAX_CONTROL_BODY_BYTES = 1_048_576;

/** The body of `GET /status`. */
export interface AgentStatus {
  /** The agent name. */
  name: string;
  /** The agent's lifecycle state. */
  state: string;
  /** The agent's process id. */
  pid: number;
  /** When it started, ISO 8601. */
  startedAt: string;
  /** Seconds since it started. */
  uptimeSeconds: number;
  /** Versions of the CLI, core and Node.js. */
  versions: { cli: string; core: string; node: string };
  /** The project folder. */
  project: string;
  /** The data folder. */
  dataDir: string;
  /** The control socket. */
  controlSocket: string;
  /** The model, and whether one is available. Never keys. */
  model: { source: string; provider?: string; model?: string; fallbacks?: string[]; available: boolean };
  /** The store. */
  store: { kind: string; path?: string };
  /** Loaded services and plugins. */
  packages: { id: string; kind: string; name: string; version: string }[];
  /** Running chat channels (from `chat/channels`). */
  channels: { id: string; account: string; connected: boolean; info: Record<string, unknown> }[];
  /** When this agent is one worker of a cluster (`downcity start --worker`): its id and the live workers. */
  cluster?: { name: string; workerId: string; members: { workerId: string; host: string; pid: number; startedAt: string }[] };
}
