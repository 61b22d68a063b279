import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';
import { expectOneLineError, zine } from '../support/cli.js';
import { markdownWords, missingInOrder, readPdf, words } from '../support/pdf.js';

/**
 * Zines in languages the generator once knew nothing of, in CrimethInc's own
 * folder names (gr for Greek, cz for Czech): a title set in capitals, a body
 * of long words with straight quotes, read back from the PDF.
 */
const LOCALES: Record<string, { title: string; capitals: string; quoted: string; body: string }> = {
  pl: {
    title: 'niepodległość i solidarność',
    capitals: 'NIEPODLEGŁOŚĆ I SOLIDARNOŚĆ',
    quoted: '„sprawiedliwości”',
    body: 'W styczniu 2022 roku w Kazachstanie wybuchło powstanie. Protestujący żądali "sprawiedliwości" i niezależnych związków zawodowych, a rząd odpowiedział przemocą. Międzynarodowa solidarność z robotnikami naftowymi z Żanaozenu okazała się niezwykle ważna; o represjach opowiadają ich rodziny i przyjaciele.',
  },
  tr: {
    title: 'istiklal ve dayanışma',
    capitals: 'İSTİKLAL VE DAYANIŞMA',
    quoted: '“adalet”',
    body: 'Ocak 2022 başında Kazakistan genelinde büyük bir ayaklanma başladı. Göstericiler "adalet" ve bağımsız sendikalar talep ettiler; hükümet şiddetle karşılık verdi. Petrol işçileriyle uluslararası dayanışma son derece önemliydi ve gözaltındakilerin aileleri işkenceleri anlattılar.',
  },
  gr: {
    title: 'ελευθερία και αλληλεγγύη',
    capitals: 'ΕΛΕΥΘΕΡΙΑ ΚΑΙ ΑΛΛΗΛΕΓΓΥΗ',
    quoted: '«δικαιοσύνη»',
    body: 'Τον Ιανουάριο του 2022 ξέσπασε εξέγερση σε ολόκληρο το Καζακστάν. Οι διαδηλωτές ζητούσαν "δικαιοσύνη" και ανεξάρτητα συνδικάτα, ενώ η κυβέρνηση απάντησε με πρωτοφανή βία. Η διεθνής αλληλεγγύη με τους εργαζόμενους στα πετρελαιοπηγεία αποδείχθηκε εξαιρετικά σημαντική για τους κρατούμενους.',
  },
  cz: {
    title: 'nezávislost a solidarita',
    capitals: 'NEZÁVISLOST A SOLIDARITA',
    quoted: '„spravedlnost“',
    body: 'V lednu 2022 vypuklo v Kazachstánu celonárodní povstání. Demonstranti požadovali "spravedlnost" a nezávislé odbory, vláda odpověděla bezprecedentním násilím. Mezinárodní solidarita s naftaři ze Žanaozenu byla mimořádně důležitá, k ní se přidali i studenti a jejich rodiny.',
  },
};

describe('zines in Polish, Turkish, Greek and Czech', () => {
  const project = join(mkdtempSync(join(tmpdir(), 'zine-lang-')), 'p');
  const section = (locale: string): string => `---\ntitle: ${LOCALES[locale]!.title}\n---\n${Array(4).fill(LOCALES[locale]!.body).join('\n\n')}\n`;
  const warnings: string[] = [];

  beforeAll(async () => {
    initProject(project);
    const strings = JSON.parse(readFileSync(join(project, 'locales', 'en', 'strings.json'), 'utf8')) as Record<string, unknown>;
    for (const [locale, { title }] of Object.entries(LOCALES)) {
      mkdirSync(join(project, 'locales', locale, 'sections'), { recursive: true });
      writeFileSync(join(project, 'locales', locale, 'strings.json'), JSON.stringify({ ...strings, title }));
      writeFileSync(join(project, 'locales', locale, 'sections', '01-introduction.md'), section(locale));
    }
    await build({ projectDir: project, outDir: join(project, 'out'), locales: Object.keys(LOCALES), papers: ['letter'], warn: (m) => warnings.push(m) });
  }, 60_000);

  it('knows every language: no warning that it does not', () => {
    expect(warnings.filter((w) => w.includes('language'))).toEqual([]);
  });

  it.each(Object.keys(LOCALES))('sets %s with every word in order, its quotation marks, capitals and hyphenation', async (locale) => {
    const { capitals, quoted } = LOCALES[locale]!;
    const pdf = await readPdf(join(project, 'out', locale, 'p_screen_single_page_view.pdf'));
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(missingInOrder(markdownWords(section(locale)), words(text))).toBeUndefined();
    expect(text).toContain(quoted);
    // the cover's title, in the language's own capitals
    expect(pdf.pages[0]!.text.replace(/\s+/g, ' ')).toContain(capitals);
    // long words in a half-letter measure: some lines end in a hyphen
    expect(text).toMatch(/\p{L}[-\u2010]\s*\n/u);
  });

  it('keeps Polish and Czech one-letter words off the end of a line', async () => {
    for (const locale of ['pl', 'cz']) {
      const pdf = await readPdf(join(project, 'out', locale, 'p_screen_single_page_view.pdf'));
      for (const line of pdf.pages.flatMap((p) => p.text.split('\n'))) expect(line.trimEnd(), locale).not.toMatch(/(^|\s)[aiouwzksvAIOUWZKSV]$/);
    }
  });

  it('builds an unknown language with a warning and no hyphenation', async () => {
    mkdirSync(join(project, 'locales', 'xx', 'sections'), { recursive: true });
    writeFileSync(join(project, 'locales', 'xx', 'strings.json'), readFileSync(join(project, 'locales', 'en', 'strings.json')));
    writeFileSync(join(project, 'locales', 'xx', 'sections', '01-introduction.md'), '---\ntitle: Xx\n---\nSome "text" here.\n');
    const unknown: string[] = [];
    await build({ projectDir: project, outDir: join(project, 'out'), locales: ['xx'], papers: ['letter'], warn: (m) => unknown.push(m) });
    expect(unknown).toContain('no language data for "xx" (Zyyy script): no hyphenation, quotation marks “…” ‘…’');
    const pdf = await readPdf(join(project, 'out', 'xx', 'p_screen_single_page_view.pdf'));
    expect(pdf.pages.map((p) => p.text).join('\n')).toContain('“text”');
  });
});

describe('what the CLI says of a locale’s language', () => {
  const project = join(mkdtempSync(join(tmpdir(), 'zine-lang-cli-')), 'p');

  beforeAll(() => {
    initProject(project);
  });

  it('locale add and status show the language understood, its script, direction, hyphenation and quotation marks', async () => {
    let r = await zine('locale', 'add', 'cz', '--project', project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('cz: Čeština (cs), Latin script, left to right, hyphenated, quotation marks „…“ ‚…‘');
    expect((await zine('locale', 'add', 'vi', '--project', project)).stdout).toContain('vi: Tiếng Việt (vi), Latin script, left to right, not hyphenated, quotation marks “…” ‘…’');
    r = await zine('status', '--project', project);
    expect(r.stdout).toContain('en: English (en), Latin script, left to right, hyphenated, quotation marks “…” ‘…’');
    expect(r.stdout).toContain('cz: Čeština (cs), Latin script');
    expect(r.stdout).toMatch(/cz\s+Čeština\s+0\/1/);
  });

  it('locale add gives the strings every plural form the language takes, each a copy still to translate', async () => {
    expect((await zine('locale', 'add', 'uk', '--project', project)).code).toBe(0);
    const strings = JSON.parse(readFileSync(join(project, 'locales', 'uk', 'strings.json'), 'utf8')) as { colophon: Record<string, string> };
    expect(Object.keys(strings.colophon).filter((k) => k.startsWith('untranslated_'))).toEqual(['untranslated_one', 'untranslated_other', 'untranslated_few', 'untranslated_many']);
    const r = await zine('status', '--project', project);
    expect(r.stdout).toMatch(/uk: strings as in en, word for word: .*colophon\.untranslated/);
    expect(r.stdout).not.toMatch(/uk: strings missing/);
    // forms removed are missing strings
    delete strings.colophon.untranslated_few;
    writeFileSync(join(project, 'locales', 'uk', 'strings.json'), JSON.stringify(strings));
    expect((await zine('status', '--project', project)).stdout).toContain('uk: strings missing: colophon.untranslated_few');
  });

  it('locale add refuses a country\'s code or a language\'s name for its tag, naming the tag meant, and makes no folder', async () => {
    for (const [given, meant] of [['jp', 'ja'], ['ua', 'uk'], ['spanish', 'es']] as const) {
      expectOneLineError(await zine('locale', 'add', given, '--project', project), `"${given}" is not a language's tag`, `did you mean "${meant}"?`);
      expect(existsSync(join(project, 'locales', given)), given).toBe(false);
    }
  });
});
