import { describe, expect, it } from 'vitest';
import { inlineText, type Block, type Paragraph } from '../../src/content/blocks.js';
import { languagePhrase, parseMarkdown } from '../../src/content/markdown.js';
import { ZineError, type SourceRef } from '../../src/errors.js';
import { languageOf } from '../../src/lang/languages.js';
import { refusal } from '../support/errors.js';

const parse = (md: string, lang = 'en', warnings: string[] = []) =>
  parseMarkdown(md, { file: 'x.md', firstLine: 5 }, languageOf(lang), (m) => warnings.push(m));
/** The one line a Markdown text is refused with (its paths as written: no folder). */
const refused = (md: string): string => refusal(() => parse(md), '');
const paragraphs = (blocks: Block[]): Paragraph[] => blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
/** Each paragraph as its style, its text and its list marker. */
const styled = (blocks: Block[]): string[][] => paragraphs(blocks).map((p) => [p.style, inlineText(p.inlines), p.marker ?? '']);

describe('parseMarkdown', () => {
  it('maps headings, paragraphs, quotes and lists to paragraph styles', () => {
    const { blocks } = parse('# Title\n\nText.\n\n## Sub\n\n> Quoted.\n\n- one\n- two\n\n1. first\n');
    expect(styled(blocks)).toEqual([
      ['heading1', 'Title', ''],
      ['body', 'Text.', ''],
      ['heading2', 'Sub', ''],
      ['quote', 'Quoted.', ''],
      ['list', 'one', '•'],
      ['list', 'two', '•'],
      ['list', 'first', '1.'],
    ]);
  });

  it('keeps an empty list item\'s number for the item, not for the paragraph after it', () => {
    // "2026." alone on its line is an ordered list's empty item, which shows its number
    const { blocks } = parse('2026.\n\nThe year it began.\n\n- \n- two\n');
    expect(styled(blocks)).toEqual([
      ['list', '', '2026.'],
      ['body', 'The year it began.', ''],
      ['list', '', '•'],
      ['list', 'two', '•'],
    ]);
  });

  it('points each block at its line in the file', () => {
    const { blocks } = parse('First.\n\nSecond.\n');
    expect(blocks.map((b) => b.source.line)).toEqual([5, 7]);
  });

  it('keeps emphasis, strong and links on the inlines', () => {
    const [p] = paragraphs(parse('A *b* **c** [d](https://e.org)').blocks);
    expect(p!.inlines).toEqual([
      { kind: 'text', text: 'A ', italic: false, bold: false, code: false },
      { kind: 'text', text: 'b', italic: true, bold: false, code: false },
      { kind: 'text', text: ' ', italic: false, bold: false, code: false },
      { kind: 'text', text: 'c', italic: false, bold: true, code: false },
      { kind: 'text', text: ' ', italic: false, bold: false, code: false },
      { kind: 'text', text: 'd', italic: false, bold: false, href: 'https://e.org', code: false },
    ]);
  });

  it('gathers footnotes as numbered notes with a reference in the text', () => {
    const { blocks, notes } = parse('Text.[^a] More.[^b]\n\n[^a]: First note.\n[^b]: Second note.\n');
    expect(paragraphs(blocks)[0]!.inlines.filter((i) => i.kind === 'noteRef')).toEqual([
      { kind: 'noteRef', number: 1 },
      { kind: 'noteRef', number: 2 },
    ]);
    expect(notes.map((n) => [n.number, inlineText((n.blocks[0] as Paragraph).inlines)])).toEqual([[1, 'First note.'], [2, 'Second note.']]);
    expect(notes.every((n) => n.blocks.every((b) => b.kind === 'paragraph' && b.style === 'note'))).toBe(true);
  });

  it('gives a container’s paragraphs its style', () => {
    const [p] = paragraphs(parse('::: kicker\nthe\n:::\n').blocks);
    expect(p!.style).toBe('kicker');
  });

  it('keeps the line breaks of poetry', () => {
    const [p] = paragraphs(parse('one line\\\nnext line\n').blocks);
    expect(p!.inlines.map((i) => i.kind)).toEqual(['text', 'break', 'text']);
  });

  it('sets the language’s quotation marks and dashes', () => {
    expect(inlineText(paragraphs(parse('"a" -- b --- c').blocks)[0]!.inlines)).toBe('“a”\u00a0– b\u00a0— c');
    expect(inlineText(paragraphs(parse('"a \'b\'"', 'ru').blocks)[0]!.inlines)).toBe('«a „b“»');
    // CLDR's Kazakh marks: “…” within «…»
    expect(inlineText(paragraphs(parse('"a \'b\'"', 'kk').blocks)[0]!.inlines)).toBe('«a “b”»');
    expect(inlineText(paragraphs(parse('"a \'b\'"', 'de').blocks)[0]!.inlines)).toBe('„a ‚b‘“');
    expect(inlineText(paragraphs(parse('"a" ?', 'fr').blocks)[0]!.inlines)).toBe('«\u00a0a\u00a0»\u202f?');
  });

  it('keeps code as written: its quotes and dashes plain, marked as code for the typesetter; the marks around it the language\'s', () => {
    const [p] = paragraphs(parse('Type `zine build --out "my zine"`, then "`ls -l`" -- and wait.').blocks);
    expect(inlineText(p!.inlines)).toBe('Type zine build --out "my zine", then “ls -l”\u00a0– and wait.');
    expect(p!.inlines.filter((i) => i.kind === 'text' && i.code).map((i) => i.kind === 'text' && i.text)).toEqual(['zine build --out "my zine"', 'ls -l']);
    // no no-break space inside code before its dash, nor before its French question mark; one after it, before the text's
    expect(inlineText(paragraphs(parse('`a —b`').blocks)[0]!.inlines)).toBe('a —b');
    expect(inlineText(paragraphs(parse('Tapez `ls -l ?` puis `ls` ? Oui.', 'fr').blocks)[0]!.inlines)).toBe('Tapez ls -l ? puis ls\u202f? Oui.');
  });

  it('says of a link or image it does not follow (file:, javascript:, data:) that it is printed as written', () => {
    const warnings: string[] = [];
    const [p] = paragraphs(parse('See ![x](file:///etc/passwd) and [y](javascript:alert(1)).', 'en', warnings).blocks);
    expect(inlineText(p!.inlines)).toContain('![x](file:///etc/passwd)');
    expect(warnings).toEqual(['file:///etc/passwd', 'javascript:alert(1'].map((to) => `a link or image to ${to} is of a kind a zine does not follow (file:, javascript:, vbscript:, data:): printed as written`));
    const none: string[] = [];
    parse('A [link](https://example.org) and ![pic](images/a.png "A").', 'en', none);
    expect(none).toEqual([]);
  });

  it('tells opening from closing marks in text without spaces by their neighbours, else by pairing', () => {
    const set = (md: string, lang: string): string => inlineText(paragraphs(parse(md, lang).blocks)[0]!.inlines);
    // a mark between two letters pairs; emphasis and a line break between words do not part the pair
    expect(set('"私"と"*言う*"\n"人"', 'ja')).toBe('「私」と「言う」\n「人」');
    expect(set('他说"好"，"走"。', 'zh')).toBe('他说“好”，“走”。');
    expect(set('"가"고 \'나\'는', 'ko')).toBe('“가”고 ‘나’는');
    expect(set('เขาว่า"ใช่"แล้ว', 'th')).toBe('เขาว่า“ใช่”แล้ว');
    // a closing mark before a stop, though none was opened; code and an escaped quote are left as typed, and do not pair
    expect(set('終わり"。`"`と\\"私"', 'ja')).toBe('終わり」。"と"私」');
    // an apostrophe inside a Latin word stays one, even in Japanese text
    expect(set('zineはdon\'tと\'言う\'', 'ja')).toBe('zineはdon’tと『言う』');
  });

  it('sets raw HTML as text, with a warning', () => {
    const warnings: string[] = [];
    const [p] = paragraphs(parse('a <b>bold</b> word', 'en', warnings).blocks);
    expect(inlineText(p!.inlines)).toBe('a <b>bold</b> word');
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('sets a paragraph wholly in bold as an interview question, answers as body text', () => {
    const blocks = paragraphs(parse('**Why did it start?**\n\nBecause of the price.\n\nA **bold** word.').blocks);
    expect(blocks.map((p) => p.style)).toEqual(['question', 'body', 'body']);
  });

  it('lifts `>>` out as a pull quote between the language’s quotation marks', () => {
    const [p] = paragraphs(parse('>> Memory is dangerous.', 'ru').blocks);
    expect(p!.style).toBe('pullQuote');
    expect(inlineText(p!.inlines)).toBe('«Memory is dangerous.»');
  });

  it('sets a quote’s last paragraph that starts with a dash as its attribution', () => {
    const blocks = paragraphs(parse('> Words of a song.\n>\n> — The singer').blocks);
    expect(blocks.map((p) => p.style)).toEqual(['quote', 'attribution']);
    // Japanese writes its attributions after two horizontal bars
    const japanese = paragraphs(parse('> 歌の言葉。\n>\n> ――歌い手').blocks);
    expect(japanese.map((p) => p.style)).toEqual(['quote', 'attribution']);
  });

  it('names an image\'s file as it is named: a space or an accent, not as a URL writes them', () => {
    const srcs = ['![](<images/gas price.png>)', '![](images/café.png)', '![](images/a%20b.png)', '![](images/..%2Fx.png)', '![](images/%E0%A4%A.png)']
      .map((md) => (parse(md).blocks[0] as { src?: string }).src);
    expect(srcs).toEqual(['images/gas price.png', 'images/café.png', 'images/a b.png', 'images/..%2Fx.png', 'images/%E0%A4%25A.png']);
  });

  it('makes an image alone in its paragraph a figure with its title as caption', () => {
    const { blocks } = parse('![a map](images/map.png "Where it began")');
    expect(blocks).toMatchObject([{ kind: 'figure', src: 'images/map.png', alt: 'a map', caption: [{ kind: 'text', text: 'Where it began' }] }]);
  });

  it('breaks the page at <<< and keeps the lines of a verse', () => {
    const { blocks } = parse('Before.\n\n<<<\n\n::: verse\nfirst line\nsecond line\n:::\n');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'pageBreak', 'paragraph']);
    const verse = blocks[2] as Paragraph;
    expect(verse.style).toBe('verse');
    expect(verse.inlines.map((i) => i.kind)).toEqual(['text', 'break', 'text']);
  });

  it('reads a phrase a filling wrote in its own language back as that text in that language, whatever signs it has', () => {
    const name = 'a*b_c] [d](e) {f} <g> & \\h';
    const inlines = paragraphs(parse(`Listed: ${languagePhrase(name, 'kk')}.`).blocks)[0]!.inlines;
    expect(inlines.flatMap((i) => (i.kind === 'text' && i.language ? [[i.text, i.language.tag]] : []))).toEqual([[name, 'kk']]);
    expect(inlineText(inlines)).toBe(`Listed: ${name}.`);
  });

  it('says where a div is never closed, and nothing of one closed, or closed by its parent\'s end', () => {
    const said: { message: string; line: number | undefined }[] = [];
    const at = (md: string): void => void parseMarkdown(md, { file: 'x.md', firstLine: 5 }, languageOf('en'), (message, where) => said.push({ message, line: where?.line }));
    at('Before.\n\n::: verse\nfirst line\nsecond line\n\nAfter, meant as body text.\n');
    expect(said).toEqual([{ message: '::: verse is never closed: it runs to the end of the text (close it with a line of :::)', line: 7 }]);
    said.length = 0;
    at('::: verse\nfirst line\n:::\n\n:::: {lang=kk}\n::: verse\nжол\n:::\n::::\n');
    at('::: verse\nfirst line\n:::');
    expect(said).toEqual([]);
  });

  it('says where a div\'s or a span\'s marks, misspelt, are set as text; nothing of those read', () => {
    const said: { message: string; line: number | undefined }[] = [];
    const at = (md: string): void => void parseMarkdown(md, { file: 'x.md', firstLine: 5 }, languageOf('en'), (message, where) => said.push({ message, line: where?.line }));
    at('Text.\n\n::: lang=de\nHallo.\n:::\n\nA word,\nthen [Hola]{lang=es and more.\n');
    expect(said).toEqual([
      { message: '"::: lang=de" is set as text, not read as a div: a div opens with ::: and a style (::: verse) or a language in braces (::: {lang=de}), alone on its line', line: 7 },
      { message: '"{lang=es and more." is set as text: a span\'s language ends with "}" ([Hola]{lang=es})', line: 12 },
    ]);
    said.length = 0;
    at('::: verse\nfirst line\n:::\n\n::: {lang=de}\nHallo.\n:::\n\n[Hola]{lang=es} and {braces} of text.\n');
    expect(said).toEqual([]);
  });

  it('numbers link addresses as notes, in reading order with the footnotes', () => {
    const md = 'See [the report](https://example.org/r%C3%A9sum%C3%A9)[^a] and <https://example.org>.\n\n[^a]: A note.\n';
    const parsed = parseMarkdown(md, { file: 'x.md', firstLine: 1 }, languageOf('en'), () => {}, { linkNotes: true });
    const refs = paragraphs(parsed.blocks)[0]!.inlines.filter((i) => i.kind === 'noteRef');
    expect(refs).toEqual([{ kind: 'noteRef', number: 1 }, { kind: 'noteRef', number: 2 }]);
    expect(parsed.notes.map((n) => [n.number, inlineText((n.blocks[0] as Paragraph).inlines)])).toEqual([
      [1, 'https://example.org/résumé'],
      [2, 'A note.'],
    ]);
    // an address shown as its own text gets no note, but is still listed
    expect(parsed.links.map((l) => l.url)).toEqual(['https://example.org/r%C3%A9sum%C3%A9', 'https://example.org']);
  });
});

describe('parseMarkdown with hostile input', () => {
  const parseWarned = (md: string) => {
    const warnings: { message: string; where: SourceRef | undefined }[] = [];
    const parsed = parseMarkdown(md, { file: 'x.md', firstLine: 5 }, languageOf('en'), (message, where) => warnings.push({ message, where }));
    return { ...parsed, warnings };
  };
  const text = (blocks: Block[]): string => paragraphs(blocks).map((p) => inlineText(p.inlines)).join(' | ');
  /** A list nested `levels` deep, one item a level, then a paragraph. */
  const deepList = (levels: number): string =>
    `${Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- item${i}`).join('\n')}\n\nAfter the list.\n`;

  it('keeps every word of lists nested a dozen deep and quotes twenty-five deep', () => {
    const list = parseWarned(deepList(12));
    for (let i = 0; i < 12; i++) expect(text(list.blocks)).toContain(`item${i}`);
    expect(text(list.blocks)).toContain('After the list.');
    const quote = parseWarned(`${'> '.repeat(25)}Deep words.\n\nAfter the quote.\n`);
    expect(text(quote.blocks)).toContain('Deep words.');
    expect(text(quote.blocks)).toContain('After the quote.');
  });

  it('indents at most four levels, with one warning naming where it flattened', () => {
    const { blocks, warnings } = parseWarned(deepList(12));
    expect(Math.max(...paragraphs(blocks).map((p) => p.depth))).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/nested more than 4 deep/);
    expect(warnings[0]!.where).toEqual({ file: 'x.md', line: 9 });
    // a pull quote is not indented at all: no warning
    expect(parseWarned(`${'>'.repeat(8)} Lifted.\n`).warnings).toEqual([]);
  });

  it('refuses, naming the line, nesting so deep that text would be lost', () => {
    let error: unknown;
    try {
      parseWarned(`Before.\n\n${deepList(60)}`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZineError);
    expect((error as ZineError).message).toMatch(/nested too deeply/);
    expect((error as ZineError).where?.file).toBe('x.md');
    expect((error as ZineError).where?.line).toBeGreaterThan(5 + 40);
    expect(() => parseWarned(`${'>'.repeat(150)} x\n`)).toThrow(ZineError);
  });

  it('warns of a footnote defined twice, naming the definition that is not set', () => {
    const { blocks, warnings } = parseWarned('One.[^n]\n\n[^n]: The first note.\n\nTwo.[^n]\n\n[^n]: The second note.\n');
    // markdown-it-footnote sets the last definition alone
    expect(text(blocks)).not.toContain('The first note.');
    expect(warnings).toEqual([{ message: 'footnote [^n] is defined again on line 11: this definition is not set (give each note a label of its own)', where: { file: 'x.md', line: 7 } }]);
    expect(parseWarned('One.[^a]\n\n[^a]: A.\n\nTwo.[^b]\n\n[^b]: B.\n').warnings).toEqual([]);
  });

  it('warns of a footnote reference without a definition, naming its line', () => {
    const { blocks, warnings } = parseWarned('First line.\nSee [^missing] here.[^ok]\n\n[^ok]: Defined.\n');
    expect(text(blocks)).toContain('[^missing]');
    expect(warnings).toEqual([{ message: expect.stringContaining('footnote [^missing] has no definition'), where: { file: 'x.md', line: 6 } }]);
    // escaped, or in code, it is meant as it stands
    expect(parseWarned('An escaped \\[^x] and `[^y]` in code.\n').warnings).toEqual([]);
  });

  it('removes control characters and bidi overrides, typed or as entities, naming their lines', () => {
    const { blocks, warnings } = parseWarned('Bell\x07 and \u202eoverride.\n\nNul\0 here,\nentity &#x202E; there &#12;x.\n\n    code\x1b[0m\n');
    expect(text(blocks)).toBe('Bell and override. | Nul here,\nentity  there x. | code[0m');
    expect(warnings.map((w) => [w.where?.line, /U\+[0-9A-F]{4}(, U\+[0-9A-F]{4})*/.exec(w.message)?.[0]])).toEqual([
      [5, 'U+0007, U+202E'],
      [7, 'U+0000'],
      [10, 'U+001B'],
      // entities are decoded one token each
      [8, 'U+202E'],
      [8, 'U+000C'],
    ]);
  });

  it('keeps bidi isolates and marks, joiners and soft hyphens', () => {
    const kept = 'a\u2067b\u2069 c\u200fd\u061c e\u200df\u200cg\u00adh';
    const { blocks, warnings } = parseWarned(kept);
    expect(text(blocks)).toBe(kept);
    expect(warnings).toEqual([]);
  });
});

describe('many notes', () => {
  const notes = (n: number, inline = false): string => {
    const refs = Array.from({ length: n }, (_, i) => (inline ? `w^[note ${i}]` : `w[^${i}]`)).join(' ');
    return inline ? `${refs}\n` : `${refs}\n\n${Array.from({ length: n }, (_, i) => `[^${i}]: Note ${i}.`).join('\n')}\n`;
  };

  it('sets two thousand notes of a section', () => {
    expect(parse(notes(2000)).notes).toHaveLength(2000);
  });

  it('refuses more, written out or inline, naming the line of the first too many', () => {
    expect(refused(notes(2001))).toBe('x.md:2007: more than 2000 notes in one section: refused (split the section)');
    expect(refused(notes(2001, true))).toMatch(/^x\.md:5: more than 2000 notes/);
  });
});

describe('a run of blocks in a language of its own (::: {lang=…})', () => {
  const languages = (blocks: Block[]) => paragraphs(blocks).map((p) => [inlineText(p.inlines), p.language?.tag]);

  it('marks the blocks inside the div, the innermost div winning, and leaves those around it in the text\'s language', () => {
    const md = [
      'Before.', '',
      '::::: {lang=ar}', 'Arabic.', '',
      '- a list item', '',
      '::: {lang="fa"}', 'Farsi.', ':::', '',
      'Arabic again.', ':::::', '',
      'After.',
    ].join('\n');
    expect(languages(parse(md).blocks)).toEqual([
      ['Before.', undefined],
      ['Arabic.', 'ar'],
      ['a list item', 'ar'],
      ['Farsi.', 'fa'],
      ['Arabic again.', 'ar'],
      ['After.', undefined],
    ]);
  });

  it('marks a style\'s div inside a language\'s written with a longer fence, as the refusal of both in one says', () => {
    const [verse] = paragraphs(parse(':::: {lang=ar}\n::: verse\nسطر\nسطر\n:::\n::::\n').blocks);
    expect([verse!.style, verse!.language?.tag, verse!.inlines.filter((i) => i.kind === 'break').length]).toEqual(['verse', 'ar', 1]);
  });

  it('sets the quotation marks of each paragraph in its own language, a footnote\'s in its div\'s', () => {
    const md = '"English" here.[^1]\n\n::: {lang=ar}\n"Arabic" here.[^2]\n\n[^2]: "Note" in Arabic.\n:::\n\n[^1]: "Note" in English.\n';
    const { blocks, notes } = parse(md);
    expect(paragraphs(blocks).map((p) => inlineText(p.inlines))).toEqual(['“English” here.1', '”Arabic“ here.2']);
    expect(notes.map((n) => [inlineText((n.blocks[0] as Paragraph).inlines), (n.blocks[0] as Paragraph).language?.tag])).toEqual([
      ['“Note” in English.', undefined],
      ['”Note“ in Arabic.', 'ar'],
    ]);
  });

  it('marks nothing where the div names the text\'s own language, and a div in English inside a Farsi text', () => {
    expect(languages(parse('::: {lang=en}\nEnglish.\n:::\n').blocks)).toEqual([['English.', undefined]]);
    const { blocks } = parse('"Farsi."\n\n::: {lang=en}\n"English."\n:::\n', 'fa');
    expect(languages(blocks)).toEqual([['«Farsi.»', undefined], ['“English.”', 'en']]);
  });

  it('refuses a tag that is not one, other attributes and a style with a language, naming the line', () => {
    expect(refused('Text.\n\n::: {lang=en_US}\nx\n:::\n')).toBe('x.md:7: "en_US" is not a language tag: write en-US');
    expect(refused('::: {lang="not a tag"}\nx\n:::\n')).toMatch(/^x\.md:5: "not a tag" is not a language tag \(BCP 47\)/);
    expect(refused('::: {lang=not a tag}\nx\n:::\n')).toMatch(/^x\.md:5: "not a tag" is not a language tag \(BCP 47\)/);
    expect(refused('::: {.note}\nx\n:::\n')).toBe('x.md:5: a div\'s attributes can only be a language, such as ::: {lang=ar}: "{.note}" is not understood');
    expect(refused('::: {lang=ar dir=rtl}\nx\n:::\n')).toMatch(/^x\.md:5: a div's attributes can only be a language/);
    expect(refused('::: verse {lang=ar}\nx\n:::\n')).toBe('x.md:5: a div takes a style or a language, not both: put ::: verse … ::: inside :::: {lang=…} … :::: ("verse {lang=ar}")');
  });

  it('sets an unknown but valid language with a warning naming the line', () => {
    const warnings: string[] = [];
    expect(languages(parse('Text.\n\n::: {lang=tlh}\nx\n:::\n', 'en', warnings).blocks)).toEqual([['Text.', undefined], ['x', 'tlh']]);
    expect(warnings).toEqual([expect.stringMatching(/^no language data for "tlh"/)]);
  });
});

describe('a phrase in a language of its own ([…]{lang=…})', () => {
  const runs = (md: string, lang = 'en') => paragraphs(parse(md, lang).blocks)[0]!.inlines
    .map((i) => (i.kind === 'text' ? [i.text, i.language?.tag ?? '', i.italic, i.href ?? ''] : [i.kind]));

  it('marks the phrase\'s runs with its language, emphasis inside it kept, and leaves links and references links', () => {
    expect(runs('Say [сәлем *бәрі*]{lang=kk} and [go](https://a.org) or [ref][r].\n\n[r]: https://b.org\n')).toEqual([
      ['Say ', '', false, ''],
      ['сәлем ', 'kk', false, ''],
      ['бәрі', 'kk', true, ''],
      [' and ', '', false, ''],
      ['go', '', false, 'https://a.org'],
      [' or ', '', false, ''],
      ['ref', '', false, 'https://b.org'],
      ['.', '', false, ''],
    ]);
    // a span inside a link's text, a link inside a span's
    expect(runs('[[lien]{lang=fr} here](https://a.org), [voir [ici](https://b.org)]{lang=fr}')).toEqual([
      ['lien', 'fr', false, 'https://a.org'],
      [' here', '', false, 'https://a.org'],
      [', ', '', false, ''],
      ['voir ', 'fr', false, ''],
      ['ici', 'fr', false, 'https://b.org'],
    ]);
    // brackets without attributes, or with a brace further on, stay text
    expect(runs('A [note] {lang=ar} and [x]y{z}.')).toEqual([['A [note] {lang=ar} and [x]y{z}.', '', false, '']]);
  });

  it('marks nothing where the span names the paragraph\'s own language', () => {
    expect(runs('::: {lang=ar}\nنص [سلام]{lang=ar}\n:::\n')).toEqual([['نص سلام', '', false, '']]);
  });

  it('sets the quotation marks inside a span in its language, those around it in the paragraph\'s', () => {
    const [open, close] = languageOf('fr').quotes;
    expect(runs('"He said [bonjour "ami"]{lang=fr}" then.')).toEqual([
      ['“He said ', '', false, ''],
      [`bonjour ${open}ami${close}`, 'fr', false, ''],
      ['” then.', '', false, ''],
    ]);
  });

  it('refuses a tag that is not one and other attributes, naming the span\'s line', () => {
    expect(refused('Text\nand [x]{lang=en_US}.\n')).toBe('x.md:6: "en_US" is not a language tag: write en-US');
    expect(refused('[x]{.smallcaps}\n')).toBe('x.md:5: a span\'s attributes can only be a language, such as [سلام]{lang=ar}: "{.smallcaps}" is not understood');
    expect(refused('One\n\nTwo\nthree [x]{lang=ar dir=rtl}\n')).toMatch(/^x\.md:8: a span's attributes can only be a language/);
  });
});
