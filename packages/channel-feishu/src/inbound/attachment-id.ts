/**
 * Attachment ids carry both halves the download API needs
 * (`GET /open-apis/im/v1/messages/:message_id/resources/:file_key`): `<message_id>/<file_key>`.
 * Neither Feishu id contains a slash, and the id survives a restart (no in-memory lookup).
 */
export function attachmentId(messageId: string, fileKey: string): string {
  return `${messageId}/${fileKey}`;
}

/** Splits an attachment id back into message_id and file_key; undefined when it is not one of ours. */
export function parseAttachmentId(id: string): { messageId: string; fileKey: string } | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1 || id.indexOf('/', slash + 1) !== -1) return undefined;
  return { messageId: id.slice(0, slash), fileKey: id.slice(slash + 1) };
}
