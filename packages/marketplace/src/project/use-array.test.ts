import { describe, expect, it } from 'vitest';
import { addUseEntry, findUseArray, removeUseEntry } from './use-array.js';

function add(text: string, name: string): string {
  const result = findUseArray(text);
  if (!result.found) throw new Error(result.problem);
  return addUseEntry(text, result.array, name);
}

function remove(text: string, name: string): string {
  const result = findUseArray(text);
  if (!result.found) throw new Error(result.problem);
  return removeUseEntry(text, result.array, name);
}

const multiLine = `import { defineConfig } from '@downcity/core';

// use: ['not this one'] — a comment
export default defineConfig({
  agent: { name: 'demo', instructions: 'say "use: [x]"' },
  use: [
    '@downcity/chat', // the chat service
    '@downcity/auth',
  ],
  services: { chat: { use: ['nested'] } },
});
`;

describe('the use array of a config file', () => {
  it('finds the top-level use array, not one in a comment, a string or a nested object', () => {
    const result = findUseArray(multiLine);
    expect(result.found && result.array.entries.map((entry) => entry.value)).toEqual(['@downcity/chat', '@downcity/auth']);
  });

  it('adds an entry on its own line with the same indent, keeping comments and the trailing comma', () => {
    expect(add(multiLine, '@acme/greeter')).toBe(multiLine.replace("    '@downcity/auth',\n", "    '@downcity/auth',\n    '@acme/greeter',\n"));
  });

  it('adds a comma to the last entry when the array had no trailing comma, before its comment', () => {
    const text = `export default {\n  use: [\n    "@downcity/chat" // chat\n  ],\n};\n`;
    expect(add(text, '@acme/greeter')).toBe(`export default {\n  use: [\n    "@downcity/chat", // chat\n    "@acme/greeter"\n  ],\n};\n`);
  });

  it('keeps an inline array inline and an empty array minimal', () => {
    expect(add(`export default defineConfig({ use: ['a', "b"] });`, 'c')).toBe(`export default defineConfig({ use: ['a', "b", 'c'] });`);
    expect(add(`export default defineConfig({ use: [] });`, 'c')).toBe(`export default defineConfig({ use: ['c'] });`);
    expect(add(`export default defineConfig({ use: ['a',] });`, 'c')).toBe(`export default defineConfig({ use: ['a', 'c',] });`);
  });

  it('does not add a name twice', () => {
    expect(add(multiLine, '@downcity/auth')).toBe(multiLine);
  });

  it('removes an entry with its whole line, comment included', () => {
    expect(remove(multiLine, '@downcity/chat')).toBe(multiLine.replace("    '@downcity/chat', // the chat service\n", ''));
    expect(remove(remove(multiLine, '@downcity/chat'), '@downcity/auth')).toContain('use: [\n  ],');
  });

  it('removes from an inline array', () => {
    expect(remove(`export default { use: ['a', 'b', 'c'] };`, 'b')).toBe(`export default { use: ['a', 'c'] };`);
    expect(remove(`export default { use: ['a', 'b', 'c'] };`, 'c')).toBe(`export default { use: ['a', 'b'] };`);
    expect(remove(`export default { use: ['a'] };`, 'a')).toBe(`export default { use: [] };`);
    expect(add(remove(multiLine, 'x'), 'x')).toContain("'x',");
  });

  it('finds use in a config object defined before export default', () => {
    const text = `const config = defineConfig({\n  use: ['a'],\n});\nexport default config;\n`;
    expect(add(text, 'b')).toBe(`const config = defineConfig({\n  use: ['a', 'b'],\n});\nexport default config;\n`);
  });

  it('says why when there is no usable use array', () => {
    expect(findUseArray(`export default defineConfig({ agent: { name: 'x' } });`)).toEqual({ found: false, problem: 'it has no "use" array' });
    expect(findUseArray(`export default defineConfig({ use: packages });`)).toEqual({ found: false, problem: '"use" is not an array literal' });
  });
});
