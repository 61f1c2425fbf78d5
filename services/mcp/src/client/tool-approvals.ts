import { DowncityError, ErrorCodes, displayText, recordToolOutcome, redactSecrets, type ActionCall, type ExecutionContext, type JsonObject, type JsonValue } from '@downcity/core';
import type { McpApprovalsConfig } from './approvals-config.js';
import { checkBeforeCall, runServerTool, type McpServerHandle } from './run-server-tool.js';
import type { ToolApprovalChat } from './tool-approval-chat.js';
import type { PendingToolCall, ToolApprovalStore } from './tool-approval-store.js';
import type { ToolApprovalAnswer, ToolApprovalAnswerInput } from './tool-approval-actions.js';

/** The longest tool input shown in an approval request; longer inputs are cut with "…". */
export const MAX_SHOWN_INPUT_LENGTH = 500;

/** What the model gets back from a call that now waits for the user. */
export interface PendingToolOutput {
  /** Always `pending`: the tool has not been called. */
  status: 'pending';
  /** The id the user answers with. */
  approvalId: string;
  /** What to tell the user (nothing: they were asked). */
  message: string;
  /** When the request expires, ISO 8601. */
  expiresAt: string;
}

/** The tool input as the approver sees it: JSON with secrets redacted and hidden characters made visible, cut when long. */
export function shownInput(input: unknown): string {
  const json = displayText(redactSecrets(JSON.stringify(input ?? {})));
  return json.length > MAX_SHOWN_INPUT_LENGTH ? `${json.slice(0, MAX_SHOWN_INPUT_LENGTH)}…` : json;
}

/** The approval id in the input: `id`, else the first word of the command arguments (`/approve m3f9a1c20`). */
const idOf = (input: ToolApprovalAnswerInput): string => (input.id ?? input.args ?? '').trim().split(/\s+/)[0] ?? '';

/** A call made on nobody's behalf by the host app, the CLI or a package such as the console; never the model (decision 0016). */
const isOperator = (call: ActionCall): boolean => call.principal === undefined && call.caller !== 'model';

/** Whether the caller may answer: the principal who asked, in the same session, or the operator; never the model. */
function mayAnswer(pending: PendingToolCall, input: ToolApprovalAnswerInput, call: ActionCall): boolean {
  if (call.caller === 'model') return false;
  if (isOperator(call)) return true;
  if (pending.principal === undefined) return false;
  return call.principal?.id === pending.principal.id && (call.sessionId ?? input.sessionId) === pending.sessionId;
}

/**
 * Tool calls of MCP servers with `approval: true`: {@link ToolApprovals.ask} stores the call and asks the chat
 * user; {@link ToolApprovals.answer} is `/approve <id>` and `/deny <id>` (actions `mcp/approve`, `mcp/deny`).
 */
export class ToolApprovals {
  readonly #context: ExecutionContext;
  readonly #config: McpApprovalsConfig;
  readonly #store: ToolApprovalStore;
  readonly #chat: ToolApprovalChat;
  readonly #servers = new Map<string, McpServerHandle>();

  /**
   * @param options - the mcp service's context, the `approvals` config, where pending calls are kept and the chat bridge
   */
  constructor(options: { context: ExecutionContext; config: McpApprovalsConfig; store: ToolApprovalStore; chat: ToolApprovalChat }) {
    this.#context = options.context;
    this.#config = options.config;
    this.#store = options.store;
    this.#chat = options.chat;
  }

  /** Makes a server's tools callable by an approval (called as each server starts). */
  addServer(handle: McpServerHandle): void {
    this.#servers.set(handle.server, handle);
  }

  /** Adds the `/approve` and `/deny` chat commands when any server asks for approval. */
  async start(): Promise<void> {
    if ([...this.#servers.values()].some((handle) => handle.config.approval)) await this.#chat.registerCommands();
  }

  /**
   * Stores a call the `mcp/before-call` guards allowed and asks the user in its chat session; the model gets
   * {@link PendingToolOutput}. When nobody can be asked (no session, no chat service, too many waiting), throws `DENIED`.
   */
  async ask(handle: McpServerHandle, tool: string, input: unknown, call: ActionCall): Promise<PendingToolOutput> {
    const deny = (why: string): DowncityError =>
      new DowncityError(ErrorCodes.DENIED, `Calling MCP tool "${tool}" of server "${handle.server}" needs the user's approval, so it was not called: ${why}.`);
    const sessionId = call.sessionId;
    if (sessionId === undefined) throw deny('it was not requested from a chat session, so there is nobody to ask');
    await this.expire();
    if ((await this.#store.count()) >= this.#config.maxPending) throw deny(`${this.#config.maxPending} calls are already waiting for approval; the user must answer those first`);
    const now = Date.now();
    const pending = await this.#store.add({
      server: handle.server,
      tool,
      input: JSON.parse(JSON.stringify(input ?? {})) as Record<string, JsonValue>,
      sessionId,
      ...(call.principal ? { principal: call.principal } : {}),
      createdAt: now,
      expiresAt: now + this.#config.expiresMs,
    });
    const minutes = Math.max(1, Math.round(this.#config.expiresMs / 60_000));
    try {
      await this.#chat.send(
        sessionId,
        `The assistant wants to call ${displayText(tool)} on ${handle.server} with ${shownInput(input)}. Reply /approve ${pending.id} or /deny ${pending.id} (expires in ${minutes} min).`,
      );
    } catch (error) {
      await this.#store.claim(pending.id);
      throw deny((error as Error).message);
    }
    return {
      status: 'pending',
      approvalId: pending.id,
      message: `It has NOT been called yet. The user was asked to reply /approve ${pending.id} or /deny ${pending.id}; the result will appear in this conversation once they answer. Do not ask again.`,
      expiresAt: new Date(pending.expiresAt).toISOString(),
    };
  }

  /**
   * Answers a pending call: approve re-runs the `mcp/before-call` guards for the principal who asked (a refusal
   * cancels it), calls the tool and records the result in the session for the model's next turn; deny refuses it.
   * Only the principal who asked, in the same session, or the operator may answer. An id that is not the mcp
   * service's answers `handled: false`, so the chat command asks the next service (the shell).
   */
  async answer(input: ToolApprovalAnswerInput, call: ActionCall, approve: boolean): Promise<ToolApprovalAnswer> {
    const id = idOf(input);
    if (id === '') return { status: 'not-found', reply: `Which call? Reply /${approve ? 'approve' : 'deny'} <id> with the id from the request.`, handled: false };
    const gone: ToolApprovalAnswer = { status: 'not-found', reply: `Nothing is waiting for approval with id ${id}: it was already answered, cancelled, or it expired.` };
    const pending = await this.#store.get(id);
    if (!pending) return { ...gone, handled: false };
    if (!mayAnswer(pending, input, call)) {
      return { status: 'forbidden', reply: 'Only the person who asked for this call, in the same conversation, can approve or deny it.' };
    }
    if (!(await this.#store.claim(id))) return gone;
    const what = `${displayText(pending.tool)} on ${pending.server}`;
    const by = isOperator(call) ? `The operator (${call.caller})` : `The user (${call.principal?.id ?? call.caller})`;
    if (pending.expiresAt <= Date.now()) {
      await this.#record(pending, { status: 'denied', reason: 'Nobody approved it before the request expired.' });
      return { status: 'expired', reply: `The request to call ${what} expired, so it was not called. Ask the assistant again if you still want it.` };
    }
    if (!approve) {
      await this.#record(pending, { status: 'denied', reason: `${by} denied it.` });
      return this.#tell(pending, call, { status: 'denied', reply: `Denied: ${what} will not be called.` });
    }
    const handle = this.#servers.get(pending.server);
    try {
      if (!handle) throw new DowncityError(ErrorCodes.INPUT_INVALID, `the MCP server "${pending.server}" is no longer configured`);
      await checkBeforeCall(this.#context, handle, { tool: pending.tool, input: pending.input, principal: pending.principal, sessionId: pending.sessionId });
    } catch (error) {
      if (!DowncityError.is(error)) throw error;
      await this.#record(pending, { status: 'cancelled', reason: error.message });
      return this.#tell(pending, call, { status: 'cancelled', reply: `${what} will not be called: ${error.message}` });
    }
    try {
      const output = await runServerTool(handle, pending.tool, pending.input, call.signal);
      await this.#record(pending, JSON.parse(JSON.stringify(output)) as JsonValue);
      return this.#tell(pending, call, { status: 'ran', reply: `Called ${what}. The assistant can see the result; ask it about it.` });
    } catch (error) {
      if (!DowncityError.is(error)) throw error;
      const message = redactSecrets(error.message);
      await this.#record(pending, { status: 'failed', error: message });
      return this.#tell(pending, call, { status: 'failed', reply: `Could not call ${what}: ${message}` });
    }
  }

  /** Removes every pending call past its expiry; returns how many. */
  async expire(now = Date.now()): Promise<number> {
    let expired = 0;
    for (const pending of await this.#store.list()) {
      if (pending.expiresAt > now || !(await this.#store.claim(pending.id))) continue;
      expired += 1;
      await this.#record(pending, { status: 'denied', reason: 'Nobody approved it before the request expired.' });
    }
    return expired;
  }

  /** Adds the outcome to the session that asked, as the tool call and its result, for the model's next turn. */
  #record(pending: PendingToolCall, outcome: JsonValue): Promise<void> {
    return recordToolOutcome(this.#context.session, this.#context.logger, {
      sessionId: pending.sessionId,
      action: `${this.#context.id}/${pending.server}/${pending.tool}`,
      toolCallId: `mcp-approval-${pending.id}`,
      input: pending.input as JsonObject,
      outcome,
      metadata: { source: 'mcp/approval', approvalId: pending.id },
    });
  }

  /** When the operator answered from outside the conversation, tells the conversation what was decided. Logs, never throws. */
  async #tell(pending: PendingToolCall, call: ActionCall, answer: ToolApprovalAnswer): Promise<ToolApprovalAnswer> {
    if (!isOperator(call)) return answer;
    try {
      await this.#chat.send(pending.sessionId, `The operator (${call.caller}) answered the request ${pending.id}: ${answer.reply}`);
    } catch (error) {
      this.#context.logger.warn({ err: error, approvalId: pending.id }, 'could not tell the conversation that the operator answered its pending MCP tool call');
    }
    return answer;
  }
}
