/** Node types that form one shell word (a command name, an argument, an assignment value). */
export const WORD_TYPES: ReadonlySet<string> = new Set([
  'word',
  'number',
  'string',
  'raw_string',
  'ansi_c_string',
  'concatenation',
  'simple_expansion',
  'expansion',
  'brace_expression',
  // Refused inside the word, but recognised as a word so the refusal says why.
  'command_substitution',
  'process_substitution',
  'arithmetic_expansion',
  'translated_string',
]);
