/**
 * Text messages interpret `<at user_id="...">` tags, including `<at user_id="all">` which pings a
 * whole group. Model output is not trusted to ping people: a zero-width space after `<` keeps
 * such tags visible but inert.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/<(\/?at\b)/gi, '<\u200b$1');
}
