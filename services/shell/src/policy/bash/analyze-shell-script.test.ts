import { describe, expect, it } from 'vitest';
import { evaluatePolicy, evaluateShellLine } from '../policy.js';
import { ATTACK_SCRIPTS, CORPUS_POLICY, CORPUS_PROGRAMS, EVERYDAY_SCRIPTS } from '../shell-corpus.fixture.js';
import { analyzeShellScript } from './analyze-shell-script.js';

const askPolicy = { ...CORPUS_POLICY, default: 'ask', unanalyzable: 'ask' } as const;
const withShells = { ...CORPUS_POLICY, allow: [...CORPUS_PROGRAMS, 'bash', 'sh', 'env'].map((program) => ({ program })) };

const words = async (script: string): Promise<string[][]> => (await analyzeShellScript(script)).commands.map((command) => command.map((word) => word.text));

describe('analyzeShellScript', () => {
  it('computes word values: quote removal, escapes, $\'...\'', async () => {
    expect(await words(`echo 'a b' "c \\$x" d\\ e $'\\x72m' "it's" 'it'"'"'s' $'tab\\there'`)).toEqual([
      ['echo', 'a b', 'c $x', 'd e', 'rm', "it's", "it's", 'tab\there'],
    ]);
  });

  it('marks expansions, globs, braces and ~ as dynamic, and says when a word may split', async () => {
    const [command] = (await analyzeShellScript('ls $HOME "$HOME" *.txt {a,b} ~/x plain "$@" {} a=~')).commands;
    expect(command?.map((word) => [word.dynamic, word.fieldCount])).toEqual([
      [false, 'one'], [true, 'any'], [true, 'one'], [true, 'any'], [true, 'any'], [true, 'one'], [false, 'one'], [true, 'any'], [false, 'one'], [true, 'one'],
    ]);
  });

  it('puts words the parser attached to a redirection back as arguments, in order', async () => {
    expect(await words('rm >/dev/null -rf / x')).toEqual([['rm', '-rf', '/', 'x']]);
    expect(await words('echo >&2 hi there')).toEqual([['echo', 'hi', 'there']]);
  });

  it('finds the commands inside refused constructs so deny rules still see them', async () => {
    const analysis = await analyzeShellScript('echo $(rm -rf x); f() { shutdown now; }');
    expect(analysis.ok).toBe(false);
    expect(analysis.commands.map((command) => command[0]?.text)).toEqual(expect.arrayContaining(['echo', 'rm', 'shutdown']));
  });

  it('re-checks what the parser read: a backtick it left inside a here-document body is refused', async () => {
    const analysis = await analyzeShellScript('cat <<EOF\n`touch canary`\nEOF');
    expect(analysis).toMatchObject({ ok: false, problems: [expect.stringContaining('backtick')] });
  });

  it('refuses $\'...\' under sh, which dash reads differently', async () => {
    expect((await analyzeShellScript("echo $'x'", { dialect: 'posix' })).ok).toBe(false);
    expect((await analyzeShellScript("echo 'x'", { dialect: 'posix' })).ok).toBe(true);
  });

  it('explains why a script is refused', async () => {
    const result = await evaluateShellLine("x='a[$(id)]'; echo $((x))", CORPUS_POLICY);
    expect(result).toMatchObject({ decision: 'deny', reason: expect.stringContaining('arithmetic') });
  });
});

describe('everyday scripts stay allowed when their programs are allowed', () => {
  it.each(EVERYDAY_SCRIPTS)('%j', async (script) => {
    const result = await evaluateShellLine(script, CORPUS_POLICY);
    expect(result.reason).not.toContain('cannot be checked');
    expect(result.decision).toBe('allow');
    const throughBash = await evaluatePolicy(['bash', '-c', script], withShells);
    expect(throughBash.decision).toBe('allow');
  });
});

describe('class 1 attacks are refused', () => {
  it.each(ATTACK_SCRIPTS.map((entry) => [entry.name, entry.script] as const))('%s', async (_name, script) => {
    expect((await evaluateShellLine(script, CORPUS_POLICY)).decision).toBe('deny');
    expect((await evaluateShellLine(script, askPolicy)).decision).not.toBe('allow');
    // Nested: inside bash -c, inside env -S "bash -c ...", inside a quoted $(...) of a script.
    for (const argv of [
      ['bash', '-c', script],
      ['sh', '-c', script],
      ['env', '-S', `bash -c '${script.replaceAll("'", "\\'")}'`],
      ['bash', '-c', `bash -c ${shellQuote(script)}`],
      ['bash', '-c', `echo "$(bash -c ${shellQuote(script)})"`],
    ]) {
      expect((await evaluatePolicy(argv, withShells)).decision, argv.join(' ')).toBe('deny');
      expect((await evaluatePolicy(argv, { ...withShells, default: 'ask', unanalyzable: 'ask' })).decision, argv.join(' ')).not.toBe('allow');
    }
  });
});

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
