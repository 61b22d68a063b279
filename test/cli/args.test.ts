import { describe, expect, it } from 'vitest';
import { parseCommandLine, type CommandLine } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/cli.js';
import { ZineError } from '../../src/errors.js';

const parse = (...argv: string[]): CommandLine => parseCommandLine(argv, COMMANDS);

/** The values of a command line that runs a command. */
function values(...argv: string[]): Record<string, unknown> {
  const line = parse(...argv);
  if (line.kind !== 'run') throw new Error(`not a command: ${line.kind}`);
  return line.values;
}

/** The one-line refusal of a command line. */
function refusal(...argv: string[]): string {
  try {
    parse(...argv);
  } catch (e) {
    expect(e).toBeInstanceOf(ZineError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('the command line', () => {
  it('finds the command by its words, with its positionals and defaults', () => {
    expect(values('build')).toMatchObject({ cache: true });
    expect(values('build')).not.toHaveProperty('debug');
    expect(values('status', '--project', 'p', '--strict')).toMatchObject({ project: 'p', strict: true });
    expect(values('init', 'my-zine')).toMatchObject({ dir: 'my-zine' });
    expect(values('locale', 'add', 'kk', '--project', 'p')).toMatchObject({ code: 'kk', project: 'p' });
    expect(values('locale', 'done', 'kk', 'a.md', 'b.md')).toMatchObject({ code: 'kk', sections: ['a.md', 'b.md'] });
    expect(values('locale', 'done', 'kk')).toMatchObject({ sections: [] });
  });

  it('reads values after a space or an equals sign, numbers as numbers, and --no- for a switch', () => {
    expect(values('build', '--paper=a4', '--keep-last', '2', '--no-cache', '--marks')).toMatchObject({ paper: 'a4', 'keep-last': 2, cache: false, marks: true });
    expect(values('preview', '--dpi', '72')).toMatchObject({ dpi: 72 });
    expect(values('preview')).toMatchObject({ dpi: 50 });
  });

  it('takes the word after an option as its value, whatever it starts with: a negative length is refused by its range', () => {
    expect(values('build', '--bleed', '-3mm')).toMatchObject({ bleed: '-3mm' });
  });

  it('joins the values of an option given more than once where it lists things, and refuses it elsewhere', () => {
    expect(values('build', '--locale', 'en', '--locale', 'ru,kk')).toMatchObject({ locale: 'en,ru,kk' });
    expect(refusal('build', '--out', 'a', '--out', 'b')).toBe('--out is given twice');
  });

  it('refuses in one line what it cannot read', () => {
    expect(refusal()).toBe('name a command: build, serve, preview, print-test, init, locale, fonts, status');
    expect(refusal('bogus')).toBe('unknown command "bogus" (commands: build, serve, preview, print-test, init, locale, fonts, status)');
    expect(refusal('locale')).toBe('name a locale command: add or done');
    expect(refusal('locale', 'remove', 'kk')).toBe('name a locale command: add or done');
    expect(refusal('init')).toBe('zine init needs <dir>: folder for the new project');
    expect(refusal('status', 'extra')).toMatch(/^unexpected argument "extra"/);
    expect(refusal('status', '--frob')).toBe('unknown option --frob (zine status --help lists them)');
    expect(refusal('status', '--__proto__')).toMatch(/^unknown option --__proto__/);
    expect(refusal('status', '--constructor')).toMatch(/^unknown option --constructor/);
    expect(refusal('build', '--scheme', 'zigzag')).toBe('--scheme must be one of saddle, signatures, onepagezine, not "zigzag"');
    expect(refusal('build', '--keep-last', 'two')).toBe('--keep-last must be a number, not "two"');
    expect(refusal('build', '--bleed')).toBe('--bleed needs a value');
    // an option where the value should be is the value missing, not an argument too many
    expect(refusal('build', '--locale', '--project', 'p')).toBe('--locale needs a value before --project');
    expect(refusal('build', '--out', '--no-cache')).toBe('--out needs a value before --no-cache');
    expect(values('build', '--out', '--elsewhere')).toMatchObject({ out: '--elsewhere' });
    expect(refusal('build', '--marks=maybe')).toBe('--marks takes no value, not "maybe"');
    expect(refusal('build', '--no-out')).toMatch(/^unknown option --no-out/);
  });

  it('describes every command and option from the same table', () => {
    const overview = parse('--help');
    expect(overview.kind).toBe('help');
    const text = overview.kind === 'help' ? overview.text : '';
    for (const c of COMMANDS) expect(text).toContain(`zine ${c.words.join(' ')}`);
    const build = parse('build', '--help');
    const options = build.kind === 'help' ? build.text : '';
    for (const name of Object.keys(COMMANDS[0]!.options)) expect(options).toContain(`--${name}`);
    expect(options).toContain('--scheme <value>');
    expect(options).toContain('one of: saddle, signatures, onepagezine');
    expect(parse('locale', '--help')).toMatchObject({ kind: 'help', text: expect.stringContaining('zine locale add <code>') });
    // a group's own: its commands under its name, without the tool's version
    const group = parse('locale', '--help');
    expect(group.kind === 'help' && group.text.split('\n')[0]).toBe('zine locale <command> [options]');
    expect(group.kind === 'help' && group.text).not.toContain('--version');
    expect(parse('--version')).toEqual({ kind: 'version' });
  });
});
