import { describe, expect, it } from 'vitest';
import { jsonSchemaInput } from './json-schema-input.js';

describe('jsonSchemaInput', () => {
  it('validates with the schema and keeps it for the model without $schema', () => {
    const { input, inputJsonSchema } = jsonSchemaInput({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] });
    expect(inputJsonSchema).toEqual({ type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] });
    expect(input.safeParse({ n: 2 }).success).toBe(true);
    expect(input.safeParse({ n: 'two' }).success).toBe(false);
  });

  it('follows draft-7 definitions and $ref, with or without $schema', () => {
    const schema = { type: 'object', properties: { p: { $ref: '#/definitions/P' } }, required: ['p'], definitions: { P: { type: 'object', properties: { x: { type: 'integer' } }, required: ['x'] } } };
    for (const variant of [schema, { $schema: 'http://json-schema.org/draft-07/schema#', ...schema }]) {
      const { input } = jsonSchemaInput(variant);
      expect(input.safeParse({ p: { x: 1 } }).success).toBe(true);
      expect(input.safeParse({ p: { x: 'one' } }).success).toBe(false);
    }
  });

  it('reports a schema zod cannot convert and then accepts any object', () => {
    const problems: string[] = [];
    const { input, inputJsonSchema } = jsonSchemaInput({ type: 'object', properties: { q: { $ref: 'https://example.com/q.json' } } }, (error) => problems.push(error.message));
    expect(problems).toEqual([expect.stringContaining('External $ref is not supported')]);
    expect(inputJsonSchema).toMatchObject({ properties: { q: { $ref: 'https://example.com/q.json' } } });
    expect(input.safeParse({ q: 'anything' }).success).toBe(true);
    expect(input.safeParse('not an object').success).toBe(false);
  });
});
