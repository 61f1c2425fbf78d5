import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';
import { toModelError } from './model-error.js';

describe('model errors', () => {
  it('a provider error keeps the message of its JSON body, e.g. which model Ollama is missing', () => {
    const notFound = new APICallError({ message: 'Not Found', url: 'http://127.0.0.1:11434/api/chat', requestBodyValues: {}, statusCode: 404, responseBody: `{"error":"model 'mistral' not found"}` });
    expect(toModelError(notFound).message).toBe("The model provider rejected the request (404): Not Found: model 'mistral' not found");
    const nested = new APICallError({ message: 'Bad: context too long', url: 'u', requestBodyValues: {}, statusCode: 400, responseBody: '{"error":{"message":"context too long"}}' });
    expect(toModelError(nested).message).toBe('The model provider rejected the request (400): Bad: context too long');
  });
});
