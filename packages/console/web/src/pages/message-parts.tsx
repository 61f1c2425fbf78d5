import { formatJson } from '../format.js';
import type { MessagePartView } from '../types.js';

/** A message's parts: text as paragraphs, tool calls with their arguments, tool results with their output. */
export function MessageParts(props: { parts: MessagePartView[] }) {
  return (
    <>
      {props.parts.map((part, index) => {
        if (part.type === 'text') return <p key={index} className="text">{part.text}</p>;
        if (part.type === 'tool-call')
          return (
            <div key={index} className="tool">
              <p>
                Tool call <code>{part.toolName}</code>
              </p>
              <pre aria-label={`Arguments of ${part.toolName}`}>{formatJson(part.input)}</pre>
            </div>
          );
        if (part.type === 'tool-result')
          return (
            <div key={index} className="tool">
              <p>
                Result of <code>{part.toolName}</code>
              </p>
              <pre aria-label={`Result of ${part.toolName}`}>{formatJson(part.output)}</pre>
            </div>
          );
        return <p key={index} className="muted">({part.kind} part)</p>;
      })}
    </>
  );
}
