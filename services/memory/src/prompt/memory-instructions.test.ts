import { describe, expect, it } from 'vitest';
import { alice, bob, startMemoryAgent } from '../../test/memory-agent.js';
import { estimateTokens } from './estimate-tokens.js';
import { MEMORY_SECTION_HEADING } from './format-memories.js';

const asAlice = { principal: alice, sessionId: 'chat:test:alice' };

/** The system prompt the model was given in its last call. */
function lastSystemPrompt(calls: readonly { prompt: readonly { role: string; content: unknown }[] }[]): string {
  const system = calls.at(-1)?.prompt.find((message) => message.role === 'system');
  return typeof system?.content === 'string' ? system.content : '';
}

/** The remembered-facts section of a system prompt. */
function memorySection(system: string): string {
  const start = system.indexOf('## Remembered facts');
  return start === -1 ? '' : system.slice(start);
}

describe('memory in the system prompt', () => {
  it('adds the memories relevant to the user message, as facts, and only the user\'s own', async () => {
    await using harness = await startMemoryAgent();
    const { agent } = harness;
    await agent.invoke('memory/remember', { text: 'Allergic to shellfish' }, asAlice);
    await agent.invoke('memory/remember', { text: 'Plays tennis on Sundays' }, asAlice);
    await agent.invoke('memory/remember', { text: 'Allergic to penicillin' }, { principal: bob });
    await agent.invoke('memory/remember', { text: 'The restaurant closes at 22:00', scope: 'agent' });

    await harness.say('Can you suggest a restaurant? Remember my allergies.', asAlice);
    const section = memorySection(lastSystemPrompt(harness.model?.calls ?? []));
    expect(section.startsWith(MEMORY_SECTION_HEADING)).toBe(true);
    expect(section).toMatch(/^- \[about this user, \d{4}-\d\d-\d\d\] Allergic to shellfish$/m);
    expect(section).toMatch(/^- \[shared, \d{4}-\d\d-\d\d\] The restaurant closes at 22:00$/m);
    expect(section).not.toContain('tennis');
    expect(section).not.toContain('penicillin');
  });

  it('adds nothing when no memory is relevant', async () => {
    await using harness = await startMemoryAgent();
    await harness.agent.invoke('memory/remember', { text: 'Plays tennis on Sundays' }, asAlice);
    await harness.say('What is the capital of Peru?', asAlice);
    expect(lastSystemPrompt(harness.model?.calls ?? [])).not.toContain('Remembered facts');
  });

  it('stays within promptBudgetTokens, keeping the most relevant memories', async () => {
    const budget = 80;
    await using harness = await startMemoryAgent({ memory: { promptBudgetTokens: budget } });
    const facts = [
      'Project Falcon launch is on 3 March',
      'Project Falcon budget is 40,000 euros and the owner is Priya from the platform team',
      'Project Falcon uses the staging cluster in Frankfurt for load tests every Thursday night',
      'Project Falcon retrospective notes live in the team wiki under planning',
      'Project Falcon 项目的中文文档由王伟负责维护和更新',
    ];
    for (const text of facts) await harness.agent.invoke('memory/remember', { text }, asAlice);
    await harness.say('When does Project Falcon launch?', asAlice);
    const section = memorySection(lastSystemPrompt(harness.model?.calls ?? []));
    expect(section).toContain('Project Falcon launch is on 3 March');
    expect(estimateTokens(section)).toBeLessThanOrEqual(budget);
    expect(section.split('\n').filter((line) => line.startsWith('- ')).length).toBeLessThan(facts.length);
  });

  it('is off with promptBudgetTokens 0', async () => {
    await using harness = await startMemoryAgent({ memory: { promptBudgetTokens: 0 } });
    await harness.agent.invoke('memory/remember', { text: 'Plays tennis on Sundays' }, asAlice);
    await harness.say('Any tennis this week?', asAlice);
    expect(lastSystemPrompt(harness.model?.calls ?? [])).not.toContain('Remembered facts');
  });
});
