import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, readPrintSettings, type PrintSettings } from '../../src/content/config.js';
import { ZineError } from '../../src/errors.js';

/** zine.json written as this text, and loaded. */
function loadText(json: string): ReturnType<typeof loadConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'zine-config-'));
  writeFileSync(join(dir, 'zine.json'), json);
  return loadConfig(dir);
}
const load = (extra: Record<string, unknown>): ReturnType<typeof loadConfig> =>
  loadText(JSON.stringify({ slug: 'z', defaultLocale: 'en', ...extra }));

function refused(run: () => unknown, message: RegExp, file: RegExp | null = /zine\.json$/): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ZineError);
  expect((error as ZineError).message).toMatch(message);
  if (file) expect((error as ZineError).where?.file).toMatch(file);
  // an option's message names the option alone, no file
  else expect((error as ZineError).where).toBeUndefined();
}

describe('zine.json papers', () => {
  it('default to every paper, and are refused when empty', () => {
    expect(load({}).papers).toEqual(['letter', 'a4']);
    refused(() => load({ papers: [] }), /^papers must name at least one paper \(known: letter, a4\)$/);
  });

  it('named twice are built once (two outputs of one name would be written over each other)', () => {
    expect(load({ papers: ['letter', 'a4', 'letter'], locales: ['en', 'en'] })).toMatchObject({ papers: ['letter', 'a4'], locales: ['en'] });
  });

  it('are looked up among the known papers only, not Object\'s properties', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      refused(() => load({ papers: ['letter', name] }), new RegExp(`^unknown paper "${name}" \\(known: letter, a4\\)$`));
    }
  });

  it('a key "__proto__" is an unknown key like any other', () => {
    refused(() => loadText('{"slug": "z", "defaultLocale": "en", "__proto__": {"papers": ["letter"]}}'), /^unknown key "__proto__"/);
    refused(() => loadText('{"slug": "z", "defaultLocale": "en", "print": {"__proto__": {"bleed": 3}}}'), /^unknown key "print\.__proto__"/);
  });
});

describe('zine.json date', () => {
  it('is a day of the calendar', () => {
    expect(load({ date: '2024-02-29' }).date).toBe('2024-02-29');
    for (const date of ['2026-02-30', '2026-13-01', '2025-02-29', '2026-1-2', 'tomorrow']) {
      refused(() => load({ date }), new RegExp(`^date must be a day of the calendar written YYYY-MM-DD, not "${date}"$`));
    }
  });
});

describe('print settings in zine.json: in range, named by their key', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ bleed: '-3mm' }, /^print\.bleed must be from 0 to 1in, not -3mm$/],
    [{ bleed: '1000in' }, /^print\.bleed must be from 0 to 1in, not 1000in$/],
    [{ paperThickness: '5mm' }, /^print\.paperThickness must be from 0 to 1mm, not 5mm$/],
    [{ paperThickness: -0.1 }, /^print\.paperThickness must be from 0 to 1mm, not -0\.1pt$/],
    [{ keepLast: -1 }, /^print\.keepLast must be a whole number from 0 to 100, not -1$/],
    [{ keepLast: 1.5 }, /^print\.keepLast must be a whole number from 0 to 100, not 1\.5$/],
    [{ keepLast: 1e9 }, /^print\.keepLast must be a whole number from 0 to 100, not 1000000000$/],
    [{ keepLast: '2' }, /^print\.keepLast must be a whole number from 0 to 100, not "2"$/],
    [{ signatureSheets: 0 }, /^print\.signatureSheets must be a whole number from 1 to 16, not 0$/],
    [{ signatureSheets: 17 }, /^print\.signatureSheets must be a whole number from 1 to 16, not 17$/],
  ];
  for (const [print, message] of cases) {
    it(JSON.stringify(print), () => refused(() => load({ print }), message));
  }

  it('the bounds themselves are allowed, in any unit', () => {
    const { print } = load({ print: { bleed: '25.4mm', paperThickness: '0.1cm', keepLast: 100, signatureSheets: 16 } });
    expect(print.bleed).toBeCloseTo(72);
    expect(print.paperThickness).toBeCloseTo(72 / 25.4);
    expect([print.keepLast, print.signatureSheets]).toEqual([100, 16]);
  });
});

describe('print settings from the command line: named by their option', () => {
  const base: PrintSettings = { scheme: 'saddle', keepLast: 1, paperThickness: 0, bleed: 0, marks: false, duplex: 'short' };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ bleed: '-3mm' }, /^--bleed must be from 0 to 1in, not -3mm$/],
    [{ bleed: '3' }, /^--bleed must be a length such as 12mm, 0\.5in or 10pt, not "3"$/],
    [{ paperThickness: '2mm' }, /^--creep must be from 0 to 1mm, not 2mm$/],
    [{ keepLast: -1 }, /^--keep-last must be a whole number from 0 to 100, not -1$/],
    [{ keepLast: Number.NaN }, /^--keep-last must be a whole number from 0 to 100, not NaN$/],
    [{ signatureSheets: 40 }, /^--signature-sheets must be a whole number from 1 to 16, not 40$/],
    [{ duplex: 'sideways' }, /^--duplex must be one of short, long/],
  ];
  for (const [raw, message] of cases) {
    it(JSON.stringify(raw), () => refused(() => readPrintSettings(raw, base), message, null));
  }

  it('a length may be written without its leading zero, as print people write .1mm', () => {
    expect(readPrintSettings({ paperThickness: '.1mm', bleed: '-.0in' }, base).paperThickness).toBeCloseTo(0.1 * 72 / 25.4);
    refused(() => readPrintSettings({ bleed: '.mm' }, base), /^--bleed must be a length such as 12mm/, null);
  });

  it('good options are read over the base', () => {
    expect(readPrintSettings({ bleed: '3mm', keepLast: 2 }, base)).toEqual({ ...base, bleed: 3 * 72 / 25.4, keepLast: 2 });
  });
});
