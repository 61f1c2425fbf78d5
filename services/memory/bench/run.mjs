// Benchmarks @downcity/memory on a libSQL file: keyword-only recall@5 on the labelled set in
// dataset.json (normal and hard questions), then recall latency over 100,000 memories.
// Run after building: `pnpm build && pnpm bench` (or `npx tsup && node bench/run.mjs`).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAgent } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { memoryService } from '../dist/index.js';

const MEMORIES = Number(process.env.BENCH_MEMORIES ?? 100_000);
const QUALITY_ONLY = process.env.BENCH_QUALITY_ONLY === '1';
const DISTRACTORS = 2_000;
const USERS = 1_000;
const AGENT_MEMORIES = 500;
const QUERIES = 200;
const WARMUP_QUERIES = 20;

const dataset = JSON.parse(readFileSync(new URL('./dataset.json', import.meta.url), 'utf8'));
const directory = mkdtempSync(join(tmpdir(), 'downcity-memory-bench-'));

async function startAgent(file) {
  const store = createLibsqlStore({ path: join(directory, file) });
  const agent = createAgent({ store, services: [memoryService], logger: { level: 'silent' } });
  await agent.start();
  return { agent, store };
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

const percent = (hits, total) => `${hits}/${total} = ${((100 * hits) / total).toFixed(1)}%`;

/**
 * Recall@5 (and @1) of the labelled set with full-text search only (no embedding model
 * configured), optionally among `distractors` synthetic memories in the same user scope.
 */
async function measureQuality(distractors) {
  const { agent } = await startAgent(`quality-${distractors}.db`);
  const principal = { id: 'bench:labelled-user' };
  for (let index = 0; index < distractors; index += 1) {
    await agent.invoke('memory/remember', { text: pick(templates)() }, { principal });
  }
  const factOf = new Map();
  for (const fact of dataset.facts) {
    const saved = await agent.invoke('memory/remember', { text: fact.text }, { principal });
    factOf.set(saved.memory.id, fact.id);
  }
  const evaluate = async (questions) => {
    const misses = [];
    let first = 0;
    for (const question of questions) {
      const { memories } = await agent.invoke('memory/recall', { query: question.text, limit: 5 }, { principal });
      const rank = memories.findIndex((memory) => factOf.get(memory.id) === question.fact);
      if (rank === -1) misses.push(question);
      if (rank === 0) first += 1;
    }
    return { hits: questions.length - misses.length, first, total: questions.length, misses };
  };
  const normal = await evaluate(dataset.questions);
  const hard = await evaluate(dataset.hard);
  await agent.stop();
  return { normal, hard };
}

/** A small deterministic PRNG (mulberry32), so every run seeds the same memories. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(42);
const pick = (list) => list[Math.floor(next() * list.length)];
const syllables = 'ka lo mi ra ven tor sel an dri pe qua zin bo lu het mar nis oc fal gre tho wen ul yas'.split(' ');
const coined = (count) => Array.from({ length: count }, () => pick(syllables) + pick(syllables) + pick(syllables));
const names = [...'Anna Ben Carla David Emma Felix Grace Hugo Iris Jack Kira Leo Mia Noah Olga Paul Quinn Rosa Sam Tara Uma Victor Wendy Xavier Yara Zoe'.split(' '), ...coined(200)];
const foods = [...'sushi pasta ramen curry tacos salad pizza dumplings paella risotto pho burritos falafel kimchi croissants bagels oatmeal granola yogurt pancakes'.split(' '), ...coined(80)];
const cities = [...'Lyon Paris Berlin Tokyo Toronto Madrid Lisbon Oslo Prague Vienna Seoul Chengdu Shanghai Austin Denver Boston Dublin Milan Munich Zurich'.split(' '), ...coined(120)];
const jobs = 'designer nurse teacher engineer lawyer accountant chef pilot architect dentist journalist pharmacist electrician photographer translator'.split(' ');
const projects = coined(300);
const days = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const months = 'January February March April May June July August September October November December'.split(' ');
const hobbies = 'pottery climbing chess running swimming painting cycling yoga tennis baking gardening knitting surfing skiing photography'.split(' ');
const relations = 'sister brother mother father daughter son cousin colleague neighbour friend manager'.split(' ');

const templates = [
  () => `Prefers ${pick(foods)} for lunch on ${pick(days)}s.`,
  () => `Weekly sync about project ${pick(projects)} is every ${pick(days)} at ${1 + Math.floor(next() * 12)}pm.`,
  () => `Their ${pick(relations)} ${pick(names)} lives in ${pick(cities)} and works as a ${pick(jobs)}.`,
  () => `Wants to try ${pick(hobbies)} in ${pick(cities)} in ${pick(months)}.`,
  () => `The ${pick(projects)} deadline moved to ${1 + Math.floor(next() * 28)} ${pick(months)}.`,
  () => `Allergic to ${pick(foods)}; never order it for them.`,
  () => `Goes ${pick(hobbies)} with ${pick(names)} on ${pick(days)} evenings.`,
  () => `${pick(names)}'s birthday is on ${1 + Math.floor(next() * 28)} ${pick(months)}; likes ${pick(foods)}.`,
];
const questionTemplates = [
  () => `What does ${pick(names)} like to eat for lunch?`,
  () => `When is the sync about ${pick(projects)}?`,
  () => `Where does their ${pick(relations)} live?`,
  () => `Which city for ${pick(hobbies)}?`,
  () => `When is the ${pick(projects)} deadline?`,
  () => `Can I order ${pick(foods)} for them?`,
  () => `Who goes ${pick(hobbies)} with them?`,
  () => `When is ${pick(names)}'s birthday?`,
];

/**
 * The search document the service writes for a memory (see src/store/save-memory.ts): English
 * text is indexed as written. Seeding writes documents straight into the store's search index,
 * because the store contract has no batched index write and 100,000 separate remember calls
 * (record + document, two transactions each) take minutes. Recall reads only the index, and the
 * run checks that recalls return hits, so a drift in this format would show.
 */
function documentOf(index, principalId) {
  const scope = principalId === undefined ? 'agent' : `user:${encodeURIComponent(principalId)}`;
  const memoryId = `m_bench${index.toString(16).padStart(9, '0')}`;
  return {
    namespace: 'memory',
    id: `${scope}#${memoryId}`,
    scope,
    text: `${pick(templates)()} (note ${index})`,
    metadata: { memoryId, level: principalId === undefined ? 'agent' : 'user', tags: [], createdAt: Date.now() },
  };
}

/** Seeds `MEMORIES` memories: `AGENT_MEMORIES` shared ones, the rest spread over `USERS` users. */
async function seed(store) {
  const started = performance.now();
  for (let index = 0; index < MEMORIES; index += 1) {
    await store.search.upsert(documentOf(index, index < AGENT_MEMORIES ? undefined : `bench:user-${index % USERS}`));
  }
  return (performance.now() - started) / 1000;
}

async function measureLatency() {
  const { agent, store } = await startAgent('latency.db');
  const seedSeconds = await seed(store);
  const queries = Array.from({ length: QUERIES + WARMUP_QUERIES }, (_, index) => ({
    text: pick(questionTemplates)(),
    options: { principal: { id: `bench:user-${index % USERS}` }, sessionId: `chat:bench:${index % USERS}` },
  }));
  const timings = [];
  let returned = 0;
  for (const [index, query] of queries.entries()) {
    const started = performance.now();
    const { memories } = await agent.invoke('memory/recall', { query: query.text, limit: 5 }, query.options);
    if (index >= WARMUP_QUERIES) {
      timings.push(performance.now() - started);
      returned += memories.length;
    }
  }
  await agent.stop();
  timings.sort((left, right) => left - right);
  return { seedSeconds, p50: percentile(timings, 0.5), p99: percentile(timings, 0.99), averageHits: returned / QUERIES };
}

function printQuality(label, quality) {
  console.log(`keyword recall@5, labelled set (${dataset.facts.length} facts${label}):`);
  console.log(`  paraphrased questions: ${percent(quality.normal.hits, quality.normal.total)} (recall@1 ${percent(quality.normal.first, quality.normal.total)})`);
  console.log(`  hard questions, no shared word: ${percent(quality.hard.hits, quality.hard.total)} (recall@1 ${percent(quality.hard.first, quality.hard.total)})`);
}

try {
  console.log(`@downcity/memory bench (node ${process.version}, ${cpus().length} cpus)`);
  const quality = await measureQuality(0);
  printQuality('', quality);
  for (const miss of [...quality.normal.misses, ...quality.hard.misses]) console.log(`  miss ${miss.id} (${miss.fact}): ${miss.text}`);
  const crowded = await measureQuality(DISTRACTORS);
  printQuality(` among ${DISTRACTORS.toLocaleString('en')} synthetic memories in the same scope`, crowded);
  for (const miss of crowded.normal.misses) console.log(`  miss ${miss.id} (${miss.fact}): ${miss.text}`);

  if (!QUALITY_ONLY) {
    const latency = await measureLatency();
    console.log(`recall latency over ${MEMORIES.toLocaleString('en')} memories (${USERS.toLocaleString('en')} users + ${AGENT_MEMORIES} shared, libSQL file):`);
    console.log(`  seeded into the search index in ${latency.seedSeconds.toFixed(1)} s`);
    console.log(`  p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms over ${QUERIES} recalls (avg ${latency.averageHits.toFixed(1)} hits)`);
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
