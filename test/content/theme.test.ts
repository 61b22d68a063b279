import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTheme, themeForScript } from '../../src/content/theme.js';
import { ZineError } from '../../src/errors.js';
import { ROOT } from '../support/fixtures.js';

/** theme.json as the tests edit it. */
interface Json {
  fonts: Record<string, Record<string, string>>;
  fallbackFonts?: string[];
  scriptFonts?: Record<string, Record<string, string>>;
  languageFonts?: Record<string, Record<string, string>>;
  scriptSizes?: Record<string, unknown>;
  emphasis?: Record<string, string>;
  digits?: Record<string, string>;
  kashida?: unknown;
  margins: Record<string, Record<string, unknown>>;
  styles: Record<string, Record<string, unknown>>;
  folio: Record<string, unknown>;
}
const example = (): Json => JSON.parse(readFileSync(join(ROOT, 'theme.json'), 'utf8')) as Json;

/** The example theme changed by `edit`, written as JSON text (so that "__proto__" stays a key), and loaded. */
function loadEdited(edit: (theme: Json) => void, text?: (json: string) => string): ReturnType<typeof loadTheme> {
  const dir = mkdtempSync(join(tmpdir(), 'zine-theme-'));
  const theme = example();
  edit(theme);
  const json = JSON.stringify(theme);
  writeFileSync(join(dir, 'theme.json'), text ? text(json) : json);
  return loadTheme(dir);
}

/** Loading the edited theme fails with one ZineError naming theme.json and matching `message`. */
function refused(edit: (theme: Json) => void, message: RegExp): void {
  let error: unknown;
  try {
    loadEdited(edit);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ZineError);
  expect((error as ZineError).where?.file).toMatch(/theme\.json$/);
  expect((error as ZineError).message).toMatch(message);
}

describe('theme.json numbers are refused outside what a typographer would accept', () => {
  it('the example theme loads', () => {
    expect(loadEdited(() => {}).styles.body?.size).toBe(10);
  });

  it('type size: from 2pt to 288pt', () => {
    for (const size of [0, -10, 1.5, 1000, '10pt', null]) {
      refused((t) => { t.styles.body!.size = size; }, /^styles\.body\.size must be from 2pt to 288pt, not /);
    }
    refused((t) => { t.styles.body!.size = 0; }, /not 0pt$/);
    expect(loadEdited((t) => { t.styles.note!.size = 2; t.styles.note!.leading = 2.5; }).styles.note?.size).toBe(2);
  });

  it('leading: from 0.75 to 4 times the size', () => {
    for (const leading of [0, -13.5, '-1mm', 7, 41, '1in']) {
      refused((t) => { t.styles.body!.leading = leading; }, /^styles\.body\.leading must be from 7\.5pt to 40pt \(0\.75 to 4 times the size\), not /);
    }
    expect(loadEdited((t) => { t.styles.body!.leading = 7.5; }).styles.body?.leading).toBe(7.5);
  });

  it('indents and spaces: 0 or more, never wider than the page', () => {
    refused((t) => { t.styles.quote!.indent = -14; }, /^styles\.quote\.indent must be from 0 to 144pt, not -14pt$/);
    refused((t) => { t.styles.body!.firstIndent = '-1in'; }, /^styles\.body\.firstIndent must be from 0 to 144pt, not -1in$/);
    refused((t) => { t.styles.body!.firstIndent = '30in'; }, /^styles\.body\.firstIndent must be from 0 to 144pt, not 30in$/);
    refused((t) => { t.styles.heading2!.spaceBefore = -12; }, /^styles\.heading2\.spaceBefore must be from 0 to 288pt, not -12pt$/);
    refused((t) => { t.styles.heading2!.spaceAfter = '20in'; }, /^styles\.heading2\.spaceAfter must be from 0 to 288pt, not 20in$/);
  });

  it('margins: 0 or more, leaving at least 2 in each way for text', () => {
    refused((t) => { t.margins.letter!.top = '-0.5in'; }, /^margins\.letter\.top must be 0 or more, not -0\.5in$/);
    refused((t) => { t.margins.a4!.inner = '80mm'; t.margins.a4!.outer = '30mm'; },
      /^margins\.a4\.inner \+ outer must be at most 97\.2mm \(to leave 50\.8mm of the 148mm page's width for text\), not 110mm$/);
    refused((t) => { t.margins.letter!.top = '4in'; t.margins.letter!.bottom = '3in'; },
      /^margins\.letter\.top \+ bottom must be at most 6\.5in \(to leave 2in of the 8\.5in page's height for text\), not 7in$/);
    const m = loadEdited((t) => { t.margins.letter = { top: 0, bottom: '6.5in', inner: '0.3in', outer: '3.2in' }; t.folio.baseline = 0; }).margins.letter!;
    expect([m.top + m.bottom, m.inner + m.outer]).toEqual([6.5 * 72, 3.5 * 72]);
  });

  it('the folio: its baseline in the bottom margin, on the page', () => {
    refused((t) => { t.folio.baseline = -5; }, /^folio\.baseline must be from 0 to 0\.7in \(within the letter bottom margin\), not -5pt$/);
    refused((t) => { t.folio.baseline = '20in'; }, /^folio\.baseline must be from 0 to 0\.7in \(within the letter bottom margin\), not 20in$/);
    refused((t) => { t.folio.baseline = '19mm'; t.margins.letter!.bottom = '1in'; }, /^folio\.baseline must be from 0 to 18mm \(within the a4 bottom margin\), not 19mm$/);
    expect(loadEdited((t) => { t.folio.baseline = '18mm'; t.margins.letter!.bottom = '1in'; }).folio.baseline).toBeCloseTo(18 * 72 / 25.4);
  });

  it('the folio: a format with {n} where the page number goes, or none', () => {
    refused((t) => { t.folio.format = '{page}'; }, /^folio\.format "\{page\}" has no \{n\}, where the page number goes \(for no folios, ""\)$/);
    refused((t) => { t.folio.format = ' '; }, /^folio\.format " " has no \{n\}/);
    expect(loadEdited((t) => { t.folio.format = 'p. {n}'; }).folio.format).toBe('p. {n}');
    expect(loadEdited((t) => { t.folio.format = ''; }).folio.format).toBe('');
  });

  it('a style must fit the text frame of every paper', () => {
    refused((t) => { t.styles.title!.size = 200; t.styles.title!.leading = 200; },
      /^styles\.title\.size must be at most 160\.2pt \(a line of the letter measure, less the style's indents, holds 2 ems\), not 200pt$/);
    refused((t) => { t.styles.epigraph!.indent = '2in'; t.styles.epigraph!.firstIndent = '1in'; },
      /^styles\.epigraph\.indent \+ firstIndent must be at most 160\.2pt \(half the letter measure\), not 216pt$/);
    refused((t) => { t.margins.letter!.top = '3in'; t.margins.letter!.bottom = '3.5in'; t.folio.baseline = 0; t.styles.title!.leading = 150; },
      /^styles\.title\.leading must be at most 144pt \(the height of the letter text frame\), not 150pt$/);
    refused((t) => { t.styles.note!.size = 34; t.styles.note!.leading = 36; },
      /^styles\.note\.size must be at most 17\.76pt \(its numbers hang 2\.5 ems into its indent and the letter margin, 44\.4pt together\), not 34pt$/);
    refused((t) => { t.styles.list!.indent = 0; t.margins.a4!.inner = '5mm'; t.margins.a4!.outer = '23mm'; },
      /^styles\.list\.size must be at most 5\.67pt \(its numbers hang 2\.5 ems into its indent and the a4 margin, 14\.17pt together\), not 10pt$/);
  });
});

describe('names from theme.json are looked up among its own keys only', () => {
  it('a font file is named as the fonts folder has it, never by a path out of it', () => {
    for (const name of ['../../../etc/passwd', '/usr/share/fonts/x.ttf', 'noto/../../x.ttf']) {
      refused((t) => { t.fonts.serif!.bold = name; }, new RegExp(`^fonts\\.serif\\.bold: "${name.replace(/\./g, '\\.')}" leads out of the project's fonts/ folder: copy the font into it and give its file name$`));
    }
    expect(loadEdited((t) => { t.fonts.serif!.bold = 'noto/NotoSerif-Bold.ttf'; }).fonts.serif!.bold).toBe('noto/NotoSerif-Bold.ttf');
  });

  it('a style whose font is named like an Object property is refused', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      refused((t) => { t.styles.body!.font = name; }, new RegExp(`^styles\\.body\\.font: no font family "${name}" in fonts$`));
    }
  });

  it('so are script swaps and fallbacks to such names', () => {
    refused((t) => { t.scriptFonts = { Arab: { serif: 'toString' } }; }, /^scriptFonts\.Arab\.serif: no font family "toString" in fonts$/);
    refused((t) => { t.scriptFonts = { Arab: { valueOf: 'serif' } }; }, /^scriptFonts\.Arab: no font family "valueOf" in fonts$/);
    refused((t) => { t.fallbackFonts = ['constructor']; }, /^fallbackFonts\[0\]: no font family "constructor" in fonts$/);
    refused((t) => { t.folio.style = 'constructor'; }, /^folio\.style: no style "constructor" in styles$/);
  });

  it('"__proto__" is an ordinary name of a font family or a style, and not a paper', () => {
    const theme = loadEdited(
      (t) => { t.styles.body!.font = 'PROTO'; t.styles.PROTOSTYLE = { ...t.styles.body }; },
      (json) => json.replace('"serif":{', '"PROTO":{"regular":"NotoSerif-Regular.ttf"},"serif":{').replace('"PROTOSTYLE"', '"__proto__"'),
    );
    expect(Object.hasOwn(theme.fonts, 'PROTO')).toBe(true);
    expect(theme.styles.body?.font).toBe('PROTO');
    expect(Object.hasOwn(theme.styles, '__proto__')).toBe(true);
    expect(theme.styles['__proto__']?.size).toBe(10);
    const dir = mkdtempSync(join(tmpdir(), 'zine-theme-'));
    writeFileSync(join(dir, 'theme.json'), JSON.stringify(example()).replace('"margins":{', '"margins":{"__proto__":{},'));
    expect(() => loadTheme(dir)).toThrow(/unknown key "margins\.__proto__"/);
    const fonts = mkdtempSync(join(tmpdir(), 'zine-theme-'));
    writeFileSync(join(fonts, 'theme.json'), JSON.stringify(example()).replace('"fonts":{', '"fonts":{"__proto__":{"regular":"NotoSerif-Regular.ttf"},'));
    expect(Object.hasOwn(loadTheme(fonts).fonts, '__proto__')).toBe(true);
  });

  it('lookups of names the theme lacks find nothing, whatever the name', () => {
    const theme = loadEdited((t) => { t.scriptFonts = { Cyrl: { serif: 'sans' } }; });
    expect(theme.styles['constructor']).toBeUndefined();
    expect(theme.fonts['toString']).toBeUndefined();
    expect(theme.margins['__proto__']).toBeUndefined();
    expect(themeForScript(theme, 'constructor')).toBe(theme);
    const cyrillic = themeForScript(theme, 'Cyrl');
    expect(cyrillic.styles.body?.font).toBe('sans');
    expect(cyrillic.styles['constructor']).toBeUndefined();
  });

  it('a family named "constructor" is kept when a script swaps others', () => {
    const theme = loadEdited((t) => {
      Object.assign(t.fonts, { constructor: { regular: 'NotoSerif-Regular.ttf' } });
      t.styles.body!.font = 'constructor';
      t.scriptFonts = { Cyrl: { sans: 'serif' } };
    });
    expect(themeForScript(theme, 'Cyrl').styles.body?.font).toBe('constructor');
  });
});

describe('fonts and sizes per language and script', () => {
  it('swaps families for a language over its script\'s: Urdu in Nastaliq, Arabic in Naskh', () => {
    const theme = loadEdited((t) => {
      Object.assign(t.fonts, { nastaliq: { regular: 'NotoSerif-Regular.ttf' } });
      t.scriptFonts = { Arab: { serif: 'serif-arab', sans: 'sans-arab' } };
      t.languageFonts = { ur: { serif: 'nastaliq' }, 'pa-Arab': { serif: 'nastaliq', sans: 'nastaliq' } };
    });
    expect(themeForScript(theme, 'Arab', 'ar').styles.body?.font).toBe('serif-arab');
    expect(themeForScript(theme, 'Arab', 'ur').styles.body?.font).toBe('nastaliq');
    // what the language does not swap, its script does
    expect(themeForScript(theme, 'Arab', 'ur').styles.heading1?.font).toBe('sans-arab');
    expect(themeForScript(theme, 'Arab', 'pa-Arab').styles.heading1?.font).toBe('nastaliq');
    expect(themeForScript(theme, 'Guru', 'pa').styles.body?.font).toBe('serif');
    expect(themeForScript(theme, 'Arab', 'constructor').styles.body?.font).toBe('serif-arab');
  });

  it('takes a size per script within a fifth either way, and refuses others naming the key', () => {
    expect(loadEdited((t) => { t.scriptSizes = { Beng: 1.15, Deva: 1 }; }).scriptSizes).toEqual({ Beng: 1.15, Deva: 1 });
    refused((t) => { t.scriptSizes = { Beng: 2 }; }, /^scriptSizes\.Beng\b.*0\.8.*1\.25/);
    refused((t) => { t.scriptSizes = { Beng: '1.1' }; }, /^scriptSizes\.Beng\b/);
    refused((t) => { t.scriptSizes = { bengali: 1.1 }; }, /^scriptSizes\.bengali: "bengali" is not a script's code/);
  });

  it('refuses a language or family it does not know, naming the key', () => {
    refused((t) => { t.languageFonts = { urdu: { serif: 'sans' } }; }, /^languageFonts\.urdu: "urdu" is not a language's tag .*did you mean "ur"\?/);
    refused((t) => { t.languageFonts = { ur: { serif: 'nastaliq' } }; }, /^languageFonts\.ur\.serif: no font family "nastaliq" in fonts$/);
  });
});

describe('emphasis and digits', () => {
  it('takes italic, bold or a family for a script\'s emphasis, and a numbering system for a language\'s digits', () => {
    const theme = loadEdited((t) => { t.emphasis = { Arab: 'bold', Jpan: 'sans', Latn: 'italic' }; t.digits = { ar: 'arab' }; });
    expect(theme.emphasis).toEqual({ Arab: 'bold', Jpan: 'sans', Latn: 'italic' });
    expect(theme.digits).toEqual({ ar: 'arab' });
  });

  it('sets emphasis in another family in the script\'s own', () => {
    const theme = loadEdited((t) => { t.emphasis = { Cyrl: 'sans', Latn: 'bold' }; t.scriptFonts = { Cyrl: { sans: 'serif' } }; });
    expect(themeForScript(theme, 'Cyrl').emphasis).toEqual({ Cyrl: 'serif', Latn: 'bold' });
  });

  it('refuses anything else, naming the key', () => {
    refused((t) => { t.emphasis = { Jpan: 'gothic' }; }, /^emphasis\.Jpan \(italic, bold or a font family\): no font family "gothic" in fonts$/);
    refused((t) => { t.emphasis = { Jpan: 'constructor' }; }, /no font family "constructor"/);
    refused((t) => { t.digits = { ar: 'arabic' }; }, /^digits\.ar: "arabic" is not a numbering system/);
    refused((t) => { t.kashida = 'yes'; }, /^kashida\b/);
    expect(loadEdited((t) => { t.kashida = true; }).kashida).toBe(true);
    expect(loadEdited(() => undefined).kashida).toBe(false);
  });

  it('refuses a script that is not an ISO 15924 code of a script, with the code likely meant', () => {
    const script = (path: string, meant?: string): RegExp =>
      new RegExp(`^${path.replace(/[_.]/g, '\\$&')}: "${path.replace(/^\w+\./, '')}" is not a script's code \\(ISO 15924, as Latn, Cyrl, Arab\\)${meant ? `: did you mean "${meant}"\\?` : '$'}`);
    refused((t) => { t.emphasis = { Latin: 'bold' }; }, script('emphasis.Latin', 'Latn'));
    refused((t) => { t.emphasis = { arab: 'bold' }; }, script('emphasis.arab', 'Arab'));
    refused((t) => { t.emphasis = JSON.parse('{"__proto__": "bold"}') as Record<string, string>; }, script('emphasis.__proto__'));
    refused((t) => { t.scriptFonts = { arab: { serif: 'serif-arab' } }; }, script('scriptFonts.arab', 'Arab'));
    refused((t) => { t.scriptFonts = { Zzzz: { serif: 'serif-arab' } }; }, script('scriptFonts.Zzzz'));
    // a language where a script belongs: the script it is written in
    refused((t) => { t.emphasis = { ja: 'sans' }; }, script('emphasis.ja', 'Jpan'));
    refused((t) => { t.emphasis = { cyrillic: 'sans' }; }, script('emphasis.cyrillic', 'Cyrl'));
  });

  it('refuses a language that is not the tag of one, with the tag likely meant', () => {
    const language = (key: string, meant?: string): RegExp =>
      new RegExp(`^digits\\.${key}: "${key}" is not a language's tag \\(BCP 47, as en, pt-BR, zh-Hant\\)${meant ? `: did you mean "${meant}"\\?` : '$'}`);
    refused((t) => { t.digits = { english: 'latn' }; }, language('english', 'en'));
    refused((t) => { t.digits = { Arabic: 'arab' }; }, language('Arabic', 'ar'));
    refused((t) => { t.digits = { AR: 'arab' }; }, language('AR', 'ar'));
    refused((t) => { t.digits = { cz: 'latn' }; }, language('cz', 'cs'));
    refused((t) => { t.digits = { xx: 'latn' }; }, language('xx'));
    refused((t) => { t.digits = { 'en_US': 'latn' }; }, language('en_US', 'en-US'));
    expect(loadEdited((t) => { t.digits = { 'zh-Hant': 'hanidec', 'ar-EG': 'arab' }; }).digits).toEqual({ 'zh-Hant': 'hanidec', 'ar-EG': 'arab' });
  });
});
