import { describe, expect, it } from 'vitest';
import { inlineText, type Block, type Paragraph } from '../../src/content/blocks.js';
import { parseMarkdown } from '../../src/content/markdown.js';
import { LANGUAGES } from '../../src/lang/languages.js';

const parse = (md: string, lang = 'en', warnings: string[] = []) =>
  parseMarkdown(md, { file: 'x.md', firstLine: 5 }, LANGUAGES[lang]!, (m) => warnings.push(m));
const paragraphs = (blocks: Block[]): Paragraph[] => blocks.filter((b): b is Paragraph => b.kind === 'paragraph');

describe('parseMarkdown', () => {
  it('maps headings, paragraphs, quotes and lists to paragraph styles', () => {
    const { blocks } = parse('# Title\n\nText.\n\n## Sub\n\n> Quoted.\n\n- one\n- two\n\n1. first\n');
    expect(paragraphs(blocks).map((p) => [p.style, inlineText(p.inlines), p.marker ?? ''])).toEqual([
      ['heading1', 'Title', ''],
      ['body', 'Text.', ''],
      ['heading2', 'Sub', ''],
      ['quote', 'Quoted.', ''],
      ['list', 'one', '•'],
      ['list', 'two', '•'],
      ['list', 'first', '1.'],
    ]);
  });

  it('points each block at its line in the file', () => {
    const { blocks } = parse('First.\n\nSecond.\n');
    expect(blocks.map((b) => b.source.line)).toEqual([5, 7]);
  });

  it('keeps emphasis, strong and links on the inlines', () => {
    const [p] = paragraphs(parse('A *b* **c** [d](https://e.org)').blocks);
    expect(p!.inlines).toEqual([
      { kind: 'text', text: 'A ', italic: false, bold: false },
      { kind: 'text', text: 'b', italic: true, bold: false },
      { kind: 'text', text: ' ', italic: false, bold: false },
      { kind: 'text', text: 'c', italic: false, bold: true },
      { kind: 'text', text: ' ', italic: false, bold: false },
      { kind: 'text', text: 'd', italic: false, bold: false, href: 'https://e.org' },
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
    expect(inlineText(paragraphs(parse('"a \'b\'"', 'kk').blocks)[0]!.inlines)).toBe('«a „b“»');
    expect(inlineText(paragraphs(parse('"a \'b\'"', 'de').blocks)[0]!.inlines)).toBe('„a ‚b‘“');
    expect(inlineText(paragraphs(parse('"a" ?', 'fr').blocks)[0]!.inlines)).toBe('«\u00a0a\u00a0»\u202f?');
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

  it('numbers link addresses as notes, in reading order with the footnotes', () => {
    const md = 'See [the report](https://example.org/r%C3%A9sum%C3%A9)[^a] and <https://example.org>.\n\n[^a]: A note.\n';
    const parsed = parseMarkdown(md, { file: 'x.md', firstLine: 1 }, LANGUAGES.en!, () => {}, { linkNotes: true });
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

