import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';
import { ZineError } from '../../src/errors.js';
import { theme } from '../support/fixtures.js';
import { markdownWords, missingInOrder, readPdf, words } from '../support/pdf.js';

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZабвгдеёжзийклмнопрстуфхцчшщъыьэюяӘҒҚҢӨҰҮҺІәғқңөұүһіЄЇҐєїґ0123456789'];
const MARKS = ['\u0301', '\u0300', '\u0308', '\u0303'];
/** Characters no font of the theme has: emoji, Hebrew, Arabic. */
const UNCOVERED = ['😀', '🔥', 'א', 'ש', 'ب', 'م'];

const letter = fc.constantFrom(...LETTERS);
const word = fc.oneof(
  { weight: 20, arbitrary: fc.array(letter, { minLength: 1, maxLength: 12 }).map((l) => l.join('')) },
  // with a combining mark after a letter
  { weight: 3, arbitrary: fc.tuple(letter, fc.constantFrom(...MARKS), fc.array(letter, { maxLength: 6 })).map(([a, m, r]) => a + m + r.join('')) },
  // a word far too long for any line
  { weight: 1, arbitrary: fc.array(letter, { minLength: 40, maxLength: 90 }).map((l) => l.join('')) },
  { weight: 1, arbitrary: fc.constantFrom(...UNCOVERED) },
);
const sentence = fc.tuple(fc.array(word, { minLength: 1, maxLength: 25 }), fc.constantFrom('.', ',', '!', '?', ';', ''))
  .map(([w, p]) => w.join(' ') + p);
const block = fc.oneof(
  { weight: 6, arbitrary: sentence },
  { weight: 1, arbitrary: sentence.map((s) => `## ${s}`) },
  { weight: 1, arbitrary: sentence.map((s) => `*${s}*`) },
  { weight: 1, arbitrary: sentence.map((s) => `> ${s}`) },
  // emphasis starting inside a word
  { weight: 1, arbitrary: fc.tuple(sentence, word, word).map(([s, a, b]) => `${s} ${a}*${b}*`) },
);
/** A section: maybe empty, maybe a few paragraphs. */
const section = fc.array(block, { maxLength: 6 }).map((blocks) => blocks.join('\n\n'));

describe('random Markdown through the whole pipeline', () => {
  it('never crashes, never sets text past a margin, and loses no word', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(section, { minLength: 1, maxLength: 3 }), async (sections) => {
        const dir = join(mkdtempSync(join(tmpdir(), 'zine-fuzz-')), 'z');
        initProject(dir);
        const folder = join(dir, 'locales', 'en', 'sections');
        rmSync(folder, { recursive: true });
        mkdirSync(folder);
        sections.forEach((text, i) => writeFileSync(join(folder, `0${i}-part.md`), `---\ntitle: Part ${i}\n---\n${text}\n`));
        const uncovered = UNCOVERED.some((c) => sections.some((s) => s.includes(c)));
        try {
          await build({ projectDir: dir, outDir: join(dir, 'out'), papers: ['letter'], warn: () => {} });
        } catch (e) {
          // the one refusal allowed: a character no font has, named
          expect(e).toBeInstanceOf(ZineError);
          expect(uncovered).toBe(true);
          expect((e as Error).message).toMatch(/no font of the theme has the character U\+/);
          return;
        }
        expect(uncovered).toBe(false);
        const pdf = await readPdf(join(dir, 'out', 'en', 'z_screen_single_page_view.pdf'));
        const m = theme.margins.letter!;
        pdf.pages.forEach((page, i) => {
          // rectos (odd pages) are bound on their left; the back cover, last in the booklet, is a verso
          const recto = i % 2 === 0 && i !== pdf.pages.length - 1;
          const [left, right] = recto ? [m.inner, page.width - m.outer] : [m.outer, page.width - m.inner];
          for (const r of page.runs) {
            expect(r.x, r.str).toBeGreaterThanOrEqual(left - 0.5);
            expect(r.x + r.width, r.str).toBeLessThanOrEqual(right + 0.5);
          }
        });
        const expected = readdirSync(folder).sort().flatMap((f) => markdownWords(readFileSync(join(folder, f), 'utf8')));
        // runs that touch are one word's (emphasis starting inside it): the page's text joins them
        const got = words(pdf.pages.map((p) => p.text).join('\n'));
        expect(missingInOrder(expected, got)).toBeUndefined();
        rmSync(dir, { recursive: true, force: true });
      }),
      // fast-check prints the seed of a failing run, to replay it; examples are cases it once found
      { numRuns: 20, examples: [[['## a6aaaaaaaaaaaJaaaaaaaaaaaaaaaaaaaaaaaaaa.']], [['a aaaaaaaaaaaaaaaaaaaaYdaaaaaaaaaaaaaaaaaaaaaaҚaaaaaaaaӘa a.', '']],
        // a paragraph after another of its style starts indented: its first word, wider than that line, is broken where it must be
        [['á.\n\n*aaaaaaaaaaaaaaaaaaaaaaaaaжaaaamмaaaMүaaaaaaжaaaюMgaaaaaaaaaaa a.*']],
        // a heading set in capitals: ẗ is T and a mark there, and reads back as ẗ
        [['## t\u0308 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.']],
        // "0." alone is an empty list item: its number is drawn in the item's indent, not hung before the next paragraph
        [['0.\n\n*aa bb.*']],
        // emphasis starting inside a word: the two parts fit the line apart, not together
        [[`x ${'a'.repeat(40)}*${'b'.repeat(40)}*`]],
        // the same in a list item, where the hyphen of the long word's first break is what does not fit
        [['- ҺдKaғr*т*ҐұCJsZVқлпNҰkсM9эWҮңзEсPэaiq4FдmЇщRyRе6xҚUsmмәҐQRGVBh8цгшZKAPрфуMAүIдсЄADсҺшPт9']]] },
    );
  });
});
