import type { ActionSignature, GuardPoint, Principal } from '@downcity/core';
import type { ToolApprovalAnswer, ToolApprovalAnswerInput } from './tool-approval-actions.js';

/** What the `mcp/before-call` guard sees: which tool of which server, with what input, for whom. */
export interface McpBeforeCall {
  /** The server's name in `services.mcp.servers`. */
  server: string;
  /** The tool's name on the server. */
  tool: string;
  /** The action name, `mcp/<server>/<tool>`. */
  action: string;
  /** The permission the server's config asks for (default `mcp`). */
  permission: string;
  /** The validated tool input. */
  input: unknown;
  /** On whose behalf: a model tool call carries the turn's principal; absent for the operator's own calls. */
  principal?: Principal;
  /** The agent session the call belongs to, when any. */
  sessionId?: string;
}

declare module '@downcity/core' {
  interface ExtensionPoints {
    /** May stop a call to an MCP server's tool before it is sent. Auth attaches here (the server's `permission`). */
    'mcp/before-call': GuardPoint<McpBeforeCall>;
  }

  interface Actions {
    /** Approves an MCP tool call waiting for approval and makes it (the /approve chat command). */
    'mcp/approve': ActionSignature<ToolApprovalAnswerInput, ToolApprovalAnswer>;
    /** Denies an MCP tool call waiting for approval (the /deny chat command). */
    'mcp/deny': ActionSignature<ToolApprovalAnswerInput, ToolApprovalAnswer>;
  }
}
