import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { ZineError, type SourceRef, type Warn } from '../errors.js';
import { inLanguage, textInline, textParagraph, type Block, type Filling, type Paragraph, type TextOrigin } from '../content/blocks.js';
import { LANGUAGE_PHRASE, languagePhrase, parseMarkdown, readableAddress, type MarkdownOptions } from '../content/markdown.js';
import { MAX_LOCALE_CHARACTERS, readSourceText } from '../content/source-files.js';
import { stripControls } from '../content/controls.js';
import type { LocaleContent, Project } from '../content/project.js';
import type { SectionSource } from '../content/sections.js';
import { languageOf } from '../lang/languages.js';
import { languageId } from '../lang/locale-tag.js';
import type { Language } from '../lang/types.js';
import { meantAmong } from '../content/spelling.js';
import { hasWords, holds, type FilledString } from '../content/strings.js';
import { THEME_FILE } from '../content/theme.js';

/**
 * What the layouts stage hands the typesetter: the blocks of each page kind,
 * independent of paper size. Fixed pages (cover, back cover) hold one page of
 * material; each section is a flow that runs over as many pages as it needs.
 */
export interface ZineLayout {
  cover: Block[];
  /** Image set full-bleed under the cover's type (a path in the project). */
  coverImage: string | undefined;
  /** Inside front cover: date, licence, languages, translation credits. */
  colophon: Block[];
  /** The contents page, if the project has its template: a heading, then an entry per titled section. */
  contents: { blocks: Block[]; entries: { id: string; title: string }[] } | undefined;
  /** Flows of body pages: one per section, and the notes when gathered at the end. */
  sections: SectionFlow[];
  backCover: Block[];
}

export interface SectionFlow {
  id: string;
  title: string | undefined;
  blocks: Block[];
  /** Set in the default locale's text, not yet translated. */
  untranslated?: boolean;
}

/** The page layouts a project has, one Handlebars file each in `templates/`. */
const TEMPLATE_FILES = {
  cover: 'cover.hbs', colophon: 'colophon.hbs', contents: 'contents.hbs', section: 'section.hbs', backCover: 'back-cover.hbs',
} as const;
type TemplateName = keyof typeof TEMPLATE_FILES;
/** Templates a project may leave out, and so the page. */
const OPTIONAL: readonly TemplateName[] = ['contents'];

interface CompiledTemplate {
  file: string;
  render: Handlebars.TemplateDelegate;
  /** What the template asked for that is not data, already warned of. */
  notData: Set<string>;
  /** Every name the template's source holds, and those it asks a section for (`section.lead`). */
  names: ReadonlySet<string>;
  sectionKeys: ReadonlySet<string>;
}

/** The front matter keys the generator reads itself, besides those templates ask for. */
const FRONT_MATTER_KEYS = ['title', 'lead', 'epigraph', 'epigraphSource', 'lang', 'translated', 'source'];

/**
 * What warns, for a section, of each front matter key that nothing reads
 * and that is likely a slip for one something does (`laed`, `Title`),
 * naming its line; a key of a project's own that its templates name is
 * theirs. The keys asked for are gathered once, for every section.
 */
function strayKeysWarner(templates: Templates, warn: Warn): (section: SectionSource) => void {
  const compiled = Object.values(templates);
  const asked = new Set([...FRONT_MATTER_KEYS, ...compiled.flatMap((t) => [...t.sectionKeys])]);
  return (section) => {
    for (const key of Object.keys(section.meta)) {
      if (asked.has(key) || compiled.some((t) => t.names.has(key))) continue;
      const meant = meantAmong(key, asked);
      if (meant) warn(`front matter "${key}" is read by nothing: did you mean "${meant}"?`, { file: section.file, line: section.metaLines.get(key) ?? 1 });
    }
  };
}

/** A project's page layouts, compiled once per build and filled for each locale. */
export type Templates = Partial<Record<TemplateName, CompiledTemplate>>;

/** The templates of `templates/`, each checked for syntax errors now (Handlebars would wait for the first filling). */
export function compileTemplates(projectDir: string, warn: Warn): Templates {
  // the helpers come with each locale's filling: one compilation serves every locale
  const hbs = Handlebars.create();
  // `{{log}}` calls the environment's own log function
  hbs.log = capture;
  countRepetitions(hbs);
  const templates: Templates = {};
  for (const name of Object.keys(TEMPLATE_FILES) as TemplateName[]) {
    const file = join(projectDir, 'templates', TEMPLATE_FILES[name]);
    if (existsSync(file) || !OPTIONAL.includes(name)) templates[name] = compile(hbs, file, projectDir, warn);
  }
  return templates;
}

/**
 * Fills the templates with the locale's strings and sections. Templates write
 * Markdown, with `::: style` containers for the theme's paragraph styles.
 * `canSet` says whether the locale's fonts set a text: a language of the zine
 * whose own name they cannot set (العربية in an edition without Arabic fonts)
 * is named in the locale's language.
 */
export function layOut(project: Project, templates: Templates, content: LocaleContent, warn: Warn, canSet: (text: string) => boolean = () => true): ZineLayout {
  const { language } = content;
  const original = content.stringsInOriginal;
  filled = 0;
  const listFormat = (l: Language): Intl.ListFormat => new Intl.ListFormat(l.tag, { type: 'conjunction' });
  /** Every language the zine exists in, by its own name, listed in `listedIn` (formats and capitals by the tag: a folder named `gr` gets Greek). */
  const languagesListed = (listedIn: Language): string => {
    const names = new Intl.DisplayNames(listedIn.tag, { type: 'language', fallback: 'none' });
    // a language named once, however many of its editions there are (`en` and `en-u-nu-arab` are both "English")
    const byName = new Map<string, Language>();
    for (const other of project.allLocales.map(languageOf)) if (!byName.has(other.nativeName)) byName.set(other.nativeName, other);
    return listFormat(listedIn).format([...byName.values()].map((other) => {
      // each name a phrase in its language (Japanese forms for 日本語, فارسی an isolate in an English sentence)
      // (a language without data, `tlh`, is named by its tag, which says nothing as a phrase but a warning)
      if (canSet(other.nativeName)) return languageId(other.tag) === languageId(listedIn.tag) || !other.known ? other.nativeName : languagePhrase(other.nativeName, other.tag);
      const name = names.of(languageId(other.tag)) ?? other.tag;
      warn(`no font of the theme sets "${other.nativeName}", the name of ${other.tag} in its own script: named "${name}" in ${content.locale}'s colophon`, {
        file: join(project.dir, THEME_FILE),
      });
      return name;
    }));
  };
  const languages = new Said(language, languagesListed);
  const { date: day } = project.config;
  const date = day ? new Said(language, (l) => new Intl.DateTimeFormat(l.tag, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(day))) : undefined;
  // a function: the texts in it are traced anew for each filling
  const common = (): object => ({
    locale: content.locale,
    language: language.nativeName,
    languages,
    date,
    /** Titles of the sections set in another language, or not yet translated. */
    untranslated: content.untranslated.map((s) => (s.title === undefined ? traced(s.id, fileName(s)) : traced(s.title, frontMatter(s, 'title')))),
  });
  const helpers: Record<string, Handlebars.HelperDelegate> = {
    t: (key: unknown, options: Handlebars.HelperOptions | undefined) => {
      // `{{t}}` alone: Handlebars gives its options as the key
      if (options === undefined) throw new TemplateSlip('{{t}} needs the key of a string, as {{t "title"}}', (key as { loc?: { start: { line: number } } }).loc?.start.line);
      const name = untraced(String(key));
      const hash = Object.entries(options.hash as Record<string, unknown>);
      // (the values' count and context decide the forms read, not the language a date is said in)
      const strings = content.t.filled(name, Object.fromEntries(hash.map(([k, v]) => [k, v instanceof Said ? v.in(language) : v])));
      // a string the default locale's stands in for (missing, copied, or lacking the plural form of this count) is that locale's words
      const inOriginal = (s: FilledString): boolean => s.fallsBack || original.keys.has(s.key);
      // a date or list is said in the language of the words around it: those of the string that holds its placeholder
      // (the first i18next fills where several do), which may nest, or be nested by, one in the other language; a string
      // without words of its own (`{{date}}` alone) is said as the one nesting it
      const wordsIn = (s: FilledString): Language => (s.nestedBy !== undefined && !hasWords(s.text) ? wordsIn(s.nestedBy) : inOriginal(s) ? original.language : language);
      const saidIn = (name: string): Language => {
        const holder = strings.find((s) => holds(s.text, name));
        return holder === undefined ? language : wordsIn(holder);
      };
      const values = Object.fromEntries(hash.map(([k, v]) => [k, v instanceof Said ? v.in(saidIn(k)) : v]));
      const asked = strings[0]!;
      const origin = stringOrigin(content, name, asked.file);
      return counted(traced(oneStop(content.t(name, values), values), inOriginal(asked) ? { ...origin, written: original.language } : origin));
    },
    upper: (text: unknown) => upperCase(String(text ?? ''), language),
    // said in the sentence's language where it is given to a string (see `t`), else in the zine's
    // (nothing for no items, which `{{#if (join …)}}` takes as false)
    join: (items: unknown) => (Array.isArray(items) && items.length > 0 ? new Said(language, (l) => listFormat(l).format(items.map(String))) : ''),
  };

  const page = (name: TemplateName, context: () => object, written = language): Block[] => {
    const t = templates[name]!;
    origins = [];
    const output = untrace(fill(t, context(), helpers, warn));
    const parsed = parseMarkdown(output.text, { file: t.file, firstLine: 1 }, written, warn, { linkNotes: false, writtenIn: writtenIn(output) });
    return filledBlocks(parsed.blocks, output);
  };
  /** A paragraph of one string or title, traced to it. */
  const tracedParagraph = (style: string, text: string, origin: TextOrigin, source: SourceRef): Paragraph => ({
    ...textParagraph(style, text, source), filling: { text, values: [{ start: 0, end: text.length, origin }], at: 0 },
  });

  const { notes: notesAt, links: linksAs } = project.config;
  let endNotes: Block[] = [];
  const warnStrayKeys = strayKeysWarner(templates, warn);
  const sections = content.sections.map((section, index): SectionFlow => {
    // a section in another language than the zine's (one standing in from the default locale) is set in it throughout,
    // its notes and list of links too; the headings of its notes and links are the zine's
    // one marked in the zine's own language (`lang: en` in English) is simply the zine's
    const own = section.language?.tag === language.tag ? undefined : section.language;
    warnStrayKeys(section);
    const opener = inLanguage(page('section', () => ({ ...common(), section: tracedMeta(section, index + 1) }), own), own);
    const body = parseMarkdown(section.body, { file: section.file, firstLine: section.bodyLine }, own ?? language, warn, {
      linkNotes: linksAs === 'notes',
    });
    let blocks = [...opener, ...inLanguage(body.blocks, own)];
    const notes = body.notes.flatMap((note) => inLanguage(note.blocks, own).map((b, i) => (i === 0 && b.kind === 'paragraph' ? { ...b, marker: `${note.number}.` } : b)));
    // concatenated, not pushed: spread into a call, a long section's notes would overflow the stack
    const where = { file: section.file };
    if (notes.length > 0 && notesAt === 'section') blocks = [...blocks, tracedParagraph('notesHeading', content.t('notes'), stringOrigin(content, 'notes'), where), ...notes];
    if (notes.length > 0 && notesAt === 'end') {
      // headed by the section's title, in the section's language; by its file's name where it has none
      const heading = section.title === undefined
        ? [tracedParagraph('notesSection', section.id, fileName(section), where)]
        : inLanguage([tracedParagraph('notesSection', section.title, frontMatter(section, 'title'), where)], own);
      endNotes = [...endNotes, ...heading, ...notes];
    }
    if (linksAs === 'list' && body.links.length > 0) {
      blocks.push(tracedParagraph('notesHeading', content.t('links'), stringOrigin(content, 'links'), where));
      for (const link of body.links) {
        const address = readableAddress(link.url);
        blocks.push({
          kind: 'paragraph', style: 'note', depth: 0, marker: '•', source: { file: section.file }, ...(own && { language: own }),
          inlines: link.text === address ? [textInline(address, false, false, link.url)] : [
            textInline(`${link.text}: `),
            textInline(address, false, false, link.url),
          ],
        });
      }
    }
    return { id: section.id, title: section.title, blocks, ...(content.untranslated.includes(section) && { untranslated: true }) };
  });
  if (endNotes.length > 0) {
    const heading = tracedParagraph('heading1', content.t('notes'), stringOrigin(content, 'notes'), { file: content.t.fileOf('notes') });
    sections.push({ id: 'notes', title: content.t('notes'), blocks: [heading, ...endNotes] });
  }

  return {
    cover: page('cover', common),
    coverImage: project.config.coverImage,
    colophon: page('colophon', common),
    contents: templates.contents && {
      blocks: page('contents', common),
      entries: sections.filter((s) => s.title).map((s) => ({ id: s.id, title: s.title! })),
    },
    sections,
    backCover: page('backCover', common),
  };
}

/**
 * A value a template is given that depends on the language it is said in (a
 * date, a list of names): the zine's by default, another's where a string in
 * that language holds it.
 */
/**
 * Text in capitals as its language writes them: a phrase in a language of
 * its own (a language's name in the colophon, `[English]{lang=en}`) in that
 * language's (ENGLISH, not Turkish ENGLİSH), its attributes as written
 * (`{LANG=FI}` would name no language).
 */
function upperCase(text: string, language: Language): string {
  const parts = text.split(LANGUAGE_PHRASE);
  const upper = (part: string, tag: string): string => {
    try {
      return part.toLocaleUpperCase(tag);
    } catch {
      // not a tag (a span the parser will refuse, naming it): the text's language
      return part.toLocaleUpperCase(language.tag);
    }
  };
  // the text before each phrase, the phrase's text, its tag, …
  return parts.map((part, i) => (i % 3 === 0 ? upper(part, language.tag) : i % 3 === 1 ? `[${upper(part, parts[i + 1]!)}]` : `{lang=${part}}`)).join('');
}

class Said {
  // private to JavaScript, not to TypeScript alone: a template reaching in (`{{date.say}}`) finds nothing
  readonly #said = new Map<string, string>();
  readonly #zine: Language;
  readonly #say: (language: Language) => string;

  constructor(zine: Language, say: (language: Language) => string) {
    this.#zine = zine;
    this.#say = say;
  }

  in(language: Language): string {
    let text = this.#said.get(language.tag);
    if (text === undefined) this.#said.set(language.tag, text = this.#say(language));
    return text;
  }

  toString(): string {
    return this.in(this.#zine);
  }
}

/**
 * A filled string without a second full stop where a value ends in one: a
 * date said with an abbreviation ("январь 2026 г.") ends the sentence
 * "Издано: {{date}}." once, not as "г..", which would read as an ellipsis.
 */
function oneStop(text: string, values: Record<string, unknown>): string {
  for (const value of Object.values(values)) if (typeof value === 'string' && value.endsWith('.')) text = text.split(`${value}.`).join(value);
  return text;
}

/**
 * Texts filled into a template are traced to where they were written: each
 * between marks holding its number in `origins`, which the filling carries
 * through Handlebars and i18next (a section's title given to a string is
 * then inside the string's marks), and which are taken out before the output
 * is read as Markdown. The marks are C1 controls, removed from every text a
 * project gives, so no text can forge one.
 */
let origins: TextOrigin[] = [];
const MARKS = /\u0091(\d+)\u0092|\u0093/g;

function traced(text: string, origin: TextOrigin): string {
  // an empty text stays empty: `{{#if section.lead}}` must still see nothing
  if (text === '') return text;
  origins.push(origin);
  return `\u0091${origins.length - 1}\u0092${text}\u0093`;
}

function untraced(text: string): string {
  return text.replace(MARKS, '');
}

/** A template's output without its marks, and the texts that were between them. */
function untrace(output: string): Omit<Filling, 'at'> {
  const values: Filling['values'][number][] = [];
  const open: { start: number; origin: TextOrigin | undefined }[] = [];
  let text = '';
  let last = 0;
  for (const m of output.matchAll(MARKS)) {
    text += output.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] !== undefined) open.push({ start: text.length, origin: origins[Number(m[1])] });
    else {
      const value = open.pop();
      if (value?.origin) values.push({ start: value.start, end: text.length, origin: value.origin });
    }
  }
  return { text: text + output.slice(last), values };
}

/** Where each line of `text` starts. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The language of a template output's paragraph or heading that is wholly
 * one text written in another language than the zine's (a string not yet
 * translated): the paragraph is then that language's, set in its direction
 * and quotation marks. A string inside other words stays the zine's.
 */
function writtenIn(output: Omit<Filling, 'at'>): MarkdownOptions['writtenIn'] {
  const written = output.values.filter((v) => v.origin.written);
  if (written.length === 0) return undefined;
  const { text } = output;
  const lineStarts = lineStartsOf(text);
  return ([first, last]) => {
    const [start, end] = [lineStarts[first] ?? text.length, (lineStarts[last] ?? text.length + 1) - 1];
    return written.find((v) => v.start >= start && v.end <= end
      && /^\s*(#{1,6}\s+)?$/.test(text.slice(start, v.start)) && /^\s*$/.test(text.slice(v.end, end)))?.origin.written;
  };
}

/** The blocks of a template's output, each given the output and where in it the block begins (templates fill in few texts: most blocks need none). */
function filledBlocks(blocks: Block[], output: Omit<Filling, 'at'>): Block[] {
  if (output.values.length === 0) return blocks;
  const lineStarts = lineStartsOf(output.text);
  return blocks.map((block) => {
    if ((block.kind !== 'paragraph' && block.kind !== 'figure') || block.source.line === undefined) return block;
    return { ...block, filling: { ...output, at: lineStarts[block.source.line - 1] ?? output.text.length } };
  });
}

/** A section's front matter as templates see it, each text traced to its key's line; its number, and its name as the file's. */
function tracedMeta(section: SectionSource, number: number): Record<string, unknown> {
  const meta = Object.fromEntries(Object.entries(section.meta).map(([key, value]) => [key, tracedValue(value, frontMatter(section, key))]));
  return { ...meta, number, id: traced(section.id, fileName(section)) };
}

/** `value` with each text in it traced to `origin`; YAML aliases are copied for each use, which front matter keeps to 10,000 values. */
function tracedValue(value: unknown, origin: TextOrigin): unknown {
  if (typeof value === 'string') return traced(value, origin);
  if (Array.isArray(value)) return value.map((v) => tracedValue(v, origin));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tracedValue(v, origin)]));
}

function frontMatter(section: SectionSource, key: string): TextOrigin {
  const line = section.metaLines.get(key);
  return { source: line === undefined ? { file: section.file } : { file: section.file, line }, what: `front matter "${key}"` };
}

function fileName(section: SectionSource): TextOrigin {
  return { source: { file: section.file }, what: 'the file name' };
}

/** A string's text, read from `file`: where a lookup given no values reads it, unless told. */
function stringOrigin(content: LocaleContent, key: string, file = content.t.fileOf(key)): TextOrigin {
  return { source: { file }, what: `string "${key}"` };
}

function compile(hbs: typeof Handlebars, file: string, projectDir: string, warn: Warn): CompiledTemplate {
  const source = stripControls(readSourceText(file, projectDir, 'template', MAX_TEMPLATE_BYTES), { file, line: 1 }, warn);
  let program: hbs.AST.Program;
  try {
    // parse now: Handlebars.compile defers syntax errors to the first render
    program = hbs.parse(source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = /line (\d+)/.exec(message);
    throw new ZineError(`template syntax error: ${message.split('\n').pop()}`, line ? { file, line: Number(line[1]) } : { file });
  }
  const partial = partialIn(program);
  if (partial) {
    throw new ZineError('a template may not use partials or decorators ({{> …}}, {{#* …}}): a partial can call itself, or another that calls it, without end; write the text into the template itself', { file, line: partial.loc.start.line });
  }
  return {
    file, render: hbs.compile(source, { noEscape: true, strict: false }), notData: new Set(),
    names: new Set(source.match(/[A-Za-z_$][\w$]*/g)), sectionKeys: new Set([...source.matchAll(/\bsection\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!)),
  };
}

/**
 * The first partial or decorator of a template, if any. No partials are
 * registered, but a template defines its own inline: one calling another
 * twice, forty deep, runs for ever.
 */
function partialIn(program: hbs.AST.Program): hbs.AST.Node | undefined {
  const stack: hbs.AST.Node[] = [...program.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (['PartialStatement', 'PartialBlockStatement', 'DecoratorBlock', 'Decorator'].includes(node.type)) return node;
    if (node.type === 'BlockStatement') {
      const block = node as hbs.AST.BlockStatement;
      stack.push(...block.program.body, ...(block.inverse?.body ?? []));
    }
  }
  return undefined;
}

/**
 * What Handlebars logs while a template is filled: a template reaching for a
 * property that is not its data's own, which Handlebars refuses, or a
 * `{{log}}`. Handlebars would print several lines of its own to the console;
 * the user gets one warning naming the template.
 */
let logged: string[] = [];
const capture = (_level: number, ...message: unknown[]): void => void logged.push(message.map(String).join(' '));
Handlebars.logger.log = capture;
/**
 * Properties a filling reached for that its data has only from JavaScript's
 * Object (`constructor`, `__proto__`, `toString`), which Handlebars refuses,
 * some without a word, and those it refuses and logs.
 */
let notData = new Set<string>();
/**
 * Names a filling looked for among its data's top level and did not find
 * (`{{titel}}`): the top level's names are the tool's, each always there,
 * so one missing is a slip; a section's own front matter, below it, is the
 * author's, and may be there or not.
 */
let unknownNames = new Set<string>();

/** A page layout is a few kilobytes; a larger one could repeat a long string past any page's need. */
const MAX_TEMPLATE_BYTES = 256 * 1024;
/** More repetitions than any page needs: loops inside loops would otherwise run on for hours. */
const MAX_REPETITIONS = 10_000;
let repetitions = 0;
/** What a locale's fillings may write together, as much as its sections may hold: a loop repeating a long text would fill the memory. */
const MAX_FILLED = MAX_LOCALE_CHARACTERS;
/** What the locale being laid out has written so far (see layOut). */
let filled = 0;

/**
 * The data a template fills in, each text counted as it is read: `{{section.lead}}` written a thousand times is as much as a loop.
 * At the top level (`top`), a name it lacks is noted (see unknownNames).
 */
function countedData<T extends object>(data: T, top = false): T {
  return new Proxy(data, {
    // Handlebars asks whether what a template names is the data's own before it refuses it; JavaScript, reading `constructor` for an array's `map`, does not
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string' && key in Object.prototype && !Object.hasOwn(target, key)) notData.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    get(target, key, receiver) {
      if (top && typeof key === 'string' && !(key in target)) unknownNames.add(key);
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value === 'string') return counted(value);
      // a value said in several languages is read whole by the `t` helper, or printed as the zine's
      return value !== null && typeof value === 'object' && !(value instanceof Said) ? countedData(value) : value;
    },
  });
}

/** Counts what a loop's round or a string adds to the filling, refusing it past MAX_FILLED. */
function counted(text: string): string {
  filled += text.length;
  if (filled > MAX_FILLED) throw new Error(`the locale's fillings write more than ${MAX_FILLED.toLocaleString('en')} characters`);
  return text;
}

/** `{{#each}}` (and `{{#list}}…{{/list}}`, which Handlebars runs through it) counting its rounds in each filling. */
function countRepetitions(hbs: typeof Handlebars): void {
  const each = hbs.helpers.each!;
  hbs.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
    const fn = options.fn;
    const round = (item: unknown, runtime?: Handlebars.RuntimeOptions): string => {
      if (++repetitions > MAX_REPETITIONS) throw new Error(`its loops repeat more than ${MAX_REPETITIONS} times`);
      return counted(fn(item, runtime));
    };
    return each.call(this, context, { ...options, fn: round });
  });
}

/**
 * What Handlebars calls for a name given arguments that no helper has
 * (`{{nohelper "x"}}`): refused on the template's line, which Handlebars's
 * own error does not give. A name without arguments is data, empty when
 * missing, as Handlebars has it.
 */
/** A template's mistake a helper finds, on the template's line where Handlebars says it. */
class TemplateSlip extends Error {
  constructor(message: string, readonly line: number | undefined) {
    super(message);
  }
}

function missingHelper(file: string): Handlebars.HelperDelegate {
  return (...args: unknown[]) => {
    if (args.length === 1) return undefined;
    const options = args[args.length - 1] as Handlebars.HelperOptions & { name?: string; loc?: { start: { line: number } } };
    const line = options.loc?.start.line;
    throw new ZineError(`template error: no helper "${options.name ?? ''}" (helpers: t, upper, join, and Handlebars's own)`, line === undefined ? { file } : { file, line });
  };
}

function fill(template: CompiledTemplate, context: object, helpers: Record<string, Handlebars.HelperDelegate>, warn: Warn): string {
  logged = [];
  notData = new Set();
  unknownNames = new Set();
  // Handlebars logs each refused property once in a process: every template filled should hear of its own
  (Handlebars as unknown as { resetLoggedPropertyAccesses(): void }).resetLoggedPropertyAccesses();
  repetitions = 0;
  try {
    return template.render(countedData(context, true), { helpers: { ...helpers, helperMissing: missingHelper(template.file) } });
  } catch (e) {
    // a string the template asks for is at fault: strings.json and its key are named, and the template that asked
    if (e instanceof ZineError) throw e.where?.file === template.file ? e : new ZineError(`${e.message} (asked for by ${basename(template.file)})`, e.where);
    if (e instanceof TemplateSlip) throw new ZineError(`template error: ${e.message}`, e.line === undefined ? { file: template.file } : { file: template.file, line: e.line });
    const message = e instanceof Error ? e.message : String(e);
    throw new ZineError(`template error: ${message.split('\n')[0]}`, { file: template.file });
  } finally {
    for (const message of logged) {
      const denied = /Access has been denied to resolve the property "([^"]*)"/.exec(message);
      if (denied) notData.add(denied[1]!);
      else warn(`the template logs: ${message}`, { file: template.file });
    }
    // once for each template and name, not for each section it opens
    const once = (name: string, message: () => string): void => {
      if (template.notData.has(name)) return;
      template.notData.add(name);
      warn(message(), { file: template.file });
    };
    for (const name of notData) once(name, () => `the template asks for "${name}", which is not data of the zine: left empty`);
    for (const name of unknownNames) {
      once(name, () => {
        const known = Object.keys(context);
        const meant = meantAmong(name, known);
        return `the template names "${name}", which its data has not${meant ? ` (did you mean "${meant}"?)` : ''}: left empty (it has ${known.join(', ')})`;
      });
    }
  }
}
