import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { CLI, expectOneLineError, zine, zineWith } from '../support/cli.js';

const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

/** Nonsense numbers, names and dates: one line naming where and what is allowed, exit code 1. */
describe('settings out of range, on the command line', () => {
  const work = mkdtempSync(join(tmpdir(), 'zine-settings-'));
  let n = 0;
  /** A fresh project, its JSON files edited. */
  const project = (edit: { config?: (c: Record<string, unknown>) => void; theme?: (text: string) => string } = {}): string => {
    const dir = join(work, `p${n++}`);
    initProject(dir);
    if (edit.config) {
      const config = JSON.parse(readFileSync(join(dir, 'zine.json'), 'utf8')) as Record<string, unknown>;
      edit.config(config);
      writeFileSync(join(dir, 'zine.json'), JSON.stringify(config));
    }
    if (edit.theme) writeFileSync(join(dir, 'theme.json'), edit.theme(readFileSync(join(dir, 'theme.json'), 'utf8')));
    return dir;
  };
  const build = (dir: string, ...args: string[]) => zine('build', '--project', dir, '--paper', 'letter', ...args);
  let plain: string;

  beforeAll(() => {
    expect(existsSync(CLI), 'the CLI is compiled (npm run compile)').toBe(true);
    plain = project();
  });

  it('print options name the option, not the zine.json key', async () => {
    // as every option's message: "zine: --bleed …", with no file before it
    const bleed = await build(plain, '--bleed=-3mm');
    expectOneLineError(bleed, 'zine: --bleed must be from 0 to 1in, not -3mm');
    expectOneLineError(await build(plain, '--bleed', '1000in'), '--bleed must be from 0 to 1in, not 1000in');
    expectOneLineError(await build(plain, '--creep', '5mm'), '--creep must be from 0 to 1mm, not 5mm');
    expectOneLineError(await build(plain, '--keep-last', '-1'), '--keep-last must be a whole number from 0 to 100');
    expectOneLineError(await build(plain, '--signature-sheets', '99', '--scheme', 'signatures'), '--signature-sheets must be a whole number from 1 to 16, not 99');
  });

  it('zine.json\'s print settings name the file and the key', async () => {
    const dir = project({ config: (c) => { c.print = { bleed: '1000in' }; } });
    expectOneLineError(await build(dir), 'zine.json: print.bleed must be from 0 to 1in, not 1000in');
  });

  it('theme.json numbers name the file, the key and the range', async () => {
    const size0 = project({ theme: (t) => t.replace('"body": {"font": "serif", "size": 10', '"body": {"font": "serif", "size": 0') });
    expectOneLineError(await build(size0), 'theme.json: styles.body.size must be from 2pt to 288pt, not 0pt');
    const margins = project({ theme: (t) => t.replace('"top": "0.5in"', '"top": "-1in"') });
    expectOneLineError(await build(margins), 'theme.json: margins.letter.top must be 0 or more, not -1in');
  });

  it('a folio wider than the page\'s text, which would be cut off, names theme.json', async () => {
    const long = project({ theme: (t) => t.replace(/"format": "[^"]*"/, `"format": "{n} — ${'Uprising in Kazakhstan — '.repeat(8)}TAILWORD"`) });
    expectOneLineError(await build(long), 'theme.json: folio.format', 'is wider than the page\'s text once filled in: shorten it to one line');
  });

  it('--keep-last of the page count or more keeps the cover first, with a warning', async () => {
    const r = await build(plain, '--keep-last', '100');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: keeping 100 pages last \(--keep-last, print\.keepLast\) keeps as many as the zine has, or more: the cover stays first/);
    // the first sheet's front: the back cover beside the cover, no blank
    const front = spawnSync('pdftotext', ['-f', '1', '-l', '1', '-layout', join(plain, 'out', 'en', `${basename(plain)}_print_black_and_white.pdf`), '-'], { encoding: 'utf8' }).stdout;
    expect(front).toMatch(/COPY AND SHARE/);
    expect(front).toMatch(/My Zine|MY ZINE/);
  });

  it('a signature size without the signatures scheme, or one the zine does not fill twice, is warned of', async () => {
    const forgotten = await build(plain, '--signature-sheets', '4');
    expect(forgotten.code, forgotten.stderr).toBe(0);
    expect(forgotten.stderr).toContain('warning: 4 sheets a signature (--signature-sheets, print.signatureSheets) are for --scheme signatures: this build\'s scheme is saddle');
    const one = await build(plain, '--scheme', 'signatures', '--signature-sheets', '16');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).toMatch(/warning: en, letter: 16 sheets a signature make one signature of 64 pages for \d+, \d+ of them blank/);
    const chosen = await build(plain, '--scheme', 'signatures');
    expect(chosen.stderr).not.toMatch(/signature/);
  });

  it('names that are Object\'s properties, and an empty list of papers', async () => {
    expectOneLineError(await build(project({ config: (c) => { c.papers = []; } })), 'zine.json: papers must name at least one paper');
    expectOneLineError(await build(project({ config: (c) => { c.papers = ['constructor']; } })), 'zine.json: unknown paper "constructor"');
    const font = project({ theme: (t) => t.replace('"body": {"font": "serif"', '"body": {"font": "constructor"') });
    expectOneLineError(await build(font), 'theme.json: styles.body.font: no font family "constructor" in fonts');
    const swap = project({ theme: (t) => t.replace('"fallbackFonts"', '"scriptFonts": {"Cyrl": {"serif": "toString"}}, "fallbackFonts"') });
    expectOneLineError(await build(swap), 'theme.json: scriptFonts.Cyrl.serif: no font family "toString" in fonts');
  });

  it('a script or a language misspelt as a key of theme.json, with the spelling meant', async () => {
    const keyed = (setting: string): string => project({ theme: (t) => t.replace('"fallbackFonts"', `${setting}, "fallbackFonts"`) });
    expectOneLineError(await build(keyed('"scriptFonts": {"arab": {"serif": "serif"}}')),
      'theme.json: scriptFonts.arab: "arab" is not a script\'s code (ISO 15924, as Latn, Cyrl, Arab): did you mean "Arab"?');
    expectOneLineError(await build(keyed('"emphasis": {"Latin": "bold"}')), 'theme.json: emphasis.Latin: "Latin" is not a script\'s code (ISO 15924, as Latn, Cyrl, Arab): did you mean "Latn"?');
    expectOneLineError(await build(keyed('"digits": {"english": "latn"}')), 'theme.json: digits.english: "english" is not a language\'s tag (BCP 47, as en, pt-BR, zh-Hant): did you mean "en"?');
  });

  it('an impossible date in zine.json', async () => {
    expectOneLineError(await build(project({ config: (c) => { c.date = '2026-02-30'; } })), 'zine.json: date must be a day of the calendar written YYYY-MM-DD, not "2026-02-30"');
  });

  it('a malformed SOURCE_DATE_EPOCH fails, naming it; an empty one is unset', async () => {
    for (const epoch of ['garbage', '-1', '1e9', '99999999999999']) {
      expectOneLineError(await zineWith({ SOURCE_DATE_EPOCH: epoch }, 'build', '--project', plain, '--paper', 'letter'),
        `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to 253402300799 (the end of 9999), not "${epoch}"`);
    }
    expectOneLineError(await zineWith({ SOURCE_DATE_EPOCH: 'garbage' }, 'print-test', '--project', plain), 'SOURCE_DATE_EPOCH');
    expect((await zineWith({ SOURCE_DATE_EPOCH: '' }, 'build', '--project', plain, '--paper', 'letter')).code).toBe(0);
  });

  it('creep that carries text across the fold is a warning, naming the setting', async () => {
    const dir = project({
      theme: (text) => {
        // the inner margin all but gone; list and note numbers still hang on the page
        const t = JSON.parse(text) as { margins: Record<string, Record<string, string>>; styles: Record<string, Record<string, string>> };
        t.margins.letter = { ...t.margins.letter, inner: '0.1mm', outer: '1in' };
        t.styles.list!.indent = t.styles.note!.indent = '30pt';
        return JSON.stringify(t);
      },
    });
    const r = await build(dir, '--creep', '0.2mm');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: en, letter: for creep, the innermost sheet's pages shift 0\.2mm toward the fold, more than the inner margin \(0\.1mm\)/);
    expect(r.stderr).toContain('print.paperThickness, --creep');
    expect((await build(dir, '--creep', '0.05mm')).stderr).not.toMatch(/for creep/);
  });
});

describe('a fresh project gives the same bytes at every build', () => {
  it('zine init writes today\'s date (UTC), the PDFs\' creation date', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-date-')), 'z');
    const before = new Date().toISOString().slice(0, 10);
    expect((await zine('init', dir)).code).toBe(0);
    const after = new Date().toISOString().slice(0, 10);
    const { date } = JSON.parse(readFileSync(join(dir, 'zine.json'), 'utf8')) as { date: string };
    expect([before, after]).toContain(date);
    const env = { SOURCE_DATE_EPOCH: '' };
    expect((await zineWith(env, 'build', '--project', dir, '--paper', 'letter', '--out', join(dir, 'a'))).code).toBe(0);
    expect((await zineWith(env, 'build', '--project', dir, '--paper', 'letter', '--out', join(dir, 'b'))).code).toBe(0);
    expect(hashes(join(dir, 'b', 'en'))).toEqual(hashes(join(dir, 'a', 'en')));
  });
});
