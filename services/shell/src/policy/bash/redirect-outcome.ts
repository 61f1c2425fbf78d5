import type { SyntaxNode } from './syntax-node.js';

/** What a checked redirection leaves for the command it belongs to. */
export interface RedirectOutcome {
  /** Words after the redirection's target, which bash passes to the command as arguments (`ls >f -la`). */
  extraArguments: SyntaxNode[];
  /** The rest of a pipeline the parser put inside a here-document redirection (`cat <<EOF | grep x`). */
  pipelines: SyntaxNode[];
}
