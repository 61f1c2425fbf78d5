/**
 * `@downcity/chat`: the Downcity chat service. It owns the chat main path (channel → durable inbox →
 * session → authorize guard → inbound pipeline → command or model turn → before-reply pipeline → split
 * and send → after-reply effect), the channel contract adapters implement, and the built-in terminal and
 * HTTP channels.
 *
 * @packageDocumentation
 */
export { createChatService, type ChatServiceOptions } from './service/create-chat-service.js';
export { chatService, ChatConfigSchema } from './service/chat-service.js';
export { chatConfigSchema, type ChatConfig, type ChatConfigInput } from './config.js';
export {
  defineChannel,
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelDefinition,
  type ChannelHistoryMessage,
  type ChannelEvents,
  type ChannelHost,
  type ChannelSetup,
  type DeliveryResult,
  type InboundAttachment,
  type InboundMessage,
  type InboundOutcome,
  type InboundSink,
  type OutboundAttachment,
  type OutboundMessage,
  type OutboundTarget,
  type ReplyStep,
  type ReplyStream,
  type ReplyToolCall,
  type ReplyToolResult,
  type SentMessage,
} from './channel/channel.js';
export { InboundMessageSchema } from './channel/inbound-message-schema.js';
export { httpChannel } from './channels/http/http-channel.js';
export { HttpAssertionConfigSchema, HttpChannelConfigSchema, type HttpAssertionConfig, type HttpChannelConfig } from './channels/http/http-config.js';
export { HttpProblemCodes, type HttpProblemCode } from './channels/http/http-problem.js';
export { signUserAssertion, type SignUserAssertionOptions } from './channels/http/credentials/sign-user-assertion.js';
export { HttpUserIdSchema } from './channels/http/credentials/user-id.js';
export { UserTokenInfoSchema, type UserTokenInfo } from './channels/http/credentials/user-token-store.js';
export { createTerminalChannel, terminalChannel, type TerminalChannelOptions } from './channels/terminal/terminal-channel.js';
export { TerminalChannelConfigSchema, type TerminalChannelConfig } from './channels/terminal/terminal-config.js';
export { defineChatCommand, type ChatCommand, type ChatCommandContext } from './commands/chat-command.js';
export { helpCommand, resetCommand, statusCommand } from './commands/builtin-commands.js';
export type { ChatMessage, Transcript } from './message/chat-message.js';
export type { AuthorizeRequest, ChannelContributions, ChatInbound, ReplyDraft, ReplySent, ReplySource, SessionQuery } from './points.js';
export { splitText } from './reply/split-text.js';
export { encodeIdPart, sessionIdFor, type ConversationRef, type SessionScope } from './session/session-key.js';
export { SendInputSchema, SendOutputSchema, type SendInput, type SendOutput } from './actions/send-action.js';
export { SessionsInputSchema, SessionsOutputSchema, type SessionsInput, type SessionsOutput } from './actions/sessions-action.js';
export { HistoryInputSchema, HistoryOutputSchema, type HistoryInput, type HistoryOutput } from './actions/history-action.js';
export { ChannelsInputSchema, ChannelsOutputSchema, type ChannelsInput, type ChannelsOutput } from './actions/channels-action.js';
export { StopInputSchema, StopOutputSchema, type StopInput, type StopOutput } from './actions/stop-action.js';
export {
  HttpTokenCreateInputSchema,
  HttpTokenCreateOutputSchema,
  type HttpTokenCreateInput,
  type HttpTokenCreateOutput,
} from './actions/http-token-create-action.js';
export { HttpTokenListInputSchema, HttpTokenListOutputSchema, type HttpTokenListInput, type HttpTokenListOutput } from './actions/http-token-list-action.js';
export { HttpTokenVerifyInputSchema, HttpTokenVerifyOutputSchema, type HttpTokenVerifyInput, type HttpTokenVerifyOutput } from './actions/http-token-verify-action.js';
export { HttpTokenRevokeInputSchema, HttpTokenRevokeOutputSchema, type HttpTokenRevokeInput, type HttpTokenRevokeOutput } from './actions/http-token-revoke-action.js';
export {
  ChatCommandActionInputSchema,
  ChatCommandActionOutputSchema,
  RegisterCommandInputSchema,
  RegisterCommandOutputSchema,
  type ChatCommandActionInput,
  type ChatCommandActionOutput,
  type RegisterCommandInput,
  type RegisterCommandOutput,
} from './actions/register-command-action.js';

/** The package's definition, as the CLI loader expects (decision 0004). */
export { chatService as default } from './service/chat-service.js';
export type { MessageUsage } from './message/message-usage.js';
