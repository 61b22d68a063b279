/**
 * Where a line may break in text that is not set with spaces between its
 * words: Chinese and Japanese (between any two ideographs or kana, except
 * where kinsoku forbids), Thai, Lao, Khmer and Myanmar (at dictionary word
 * boundaries), and Korean (at spaces, between syllables only as a last
 * resort). The rest of a paragraph breaks at its spaces and hyphenation
 * points, which the paragraph builder finds itself: nothing here repeats them.
 *
 * The base is the Unicode line breaking algorithm (UAX #14, npm `linebreak`),
 * tailored as the printers of each language do (JLREQ, CLREQ, KLREQ):
 * strict kinsoku, “ ” taken as opening and closing marks in Chinese and
 * Japanese (UAX #14 leaves them ambiguous and breaks on neither side), and
 * ICU's dictionaries (`Intl.Segmenter`) inside the scripts UAX #14 gives up on.
 *
 * Positions are UTF-16 indices into the text where a new line may start:
 * a break at 3 ends a line after `text.slice(0, 3)`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// the ES module pdfkit imports too: the bundle holds one copy, its table read at its first use (scripts/bundle.mjs)
import LineBreaker from 'linebreak';
import type { Language, LineBreaking, PhraseModel } from '../lang/types.js';

/**
 * What sort of break a position is, which decides what the justifier and the
 * line breaker make of it:
 * - `ideograph`: between Chinese or Japanese characters, or between them and
 *   other text; the space there stretches in justification (and takes a
 *   quarter em where CJK meets Latin), and a line breaks there freely;
 * - `word`: a dictionary word boundary in Thai, Lao, Khmer or Myanmar, or
 *   where those scripts meet other text; a break without a hyphen;
 * - `part`: a Thai word boundary the dictionary may have guessed, inside
 *   what may well be one word (see `guessedBoundaries`): kept whole as a
 *   Korean word is, parted only where it is wider than the line;
 * - `syllable`: between Hangul syllables (or other characters of a Korean
 *   word); Korean breaks at spaces (keep-all), so this is only a last
 *   resort for a line that would otherwise overflow.
 */
export type ScriptBreak = 'ideograph' | 'word' | 'part' | 'syllable';

// ——— Character classes ———

/**
 * Blocks of the characters set on the em square in Chinese and Japanese:
 * ideographs (all extensions), radicals, kana (half-width too), bopomofo,
 * CJK symbols and punctuation, vertical and full-width forms. Hangul is left
 * out on purpose: Korean is set with spaces between words, so its letters
 * neither take the inter-character spacing nor the quarter em next to Latin.
 */
const CJK_BLOCKS: readonly (readonly [number, number])[] = [
  [0x2e80, 0x2fff], // CJK and Kangxi radicals, ideographic description
  [0x3000, 0x303f], // CJK symbols and punctuation (the ideographic space too)
  [0x3040, 0x30ff], // hiragana, katakana
  [0x3100, 0x312f], // bopomofo
  [0x3190, 0x31ff], // kanbun, bopomofo extended, strokes, katakana phonetic extensions
  [0x3200, 0x33ff], // enclosed CJK letters, CJK compatibility (㈱ ㎡)
  [0x3400, 0x4dbf], // ideographs, extension A
  [0x4e00, 0x9fff], // unified ideographs
  [0xf900, 0xfaff], // compatibility ideographs
  [0xfe10, 0xfe1f], // vertical forms
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff01, 0xff9f], // full-width ASCII and brackets, half-width kana
  [0xffe0, 0xffe6], // full-width signs ￥ ￠
  [0x16fe0, 0x16fff], // ideographic symbols
  [0x1aff0, 0x1b16f], // kana extended and supplement
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x3ffff], // ideographs, extensions B onwards, compatibility supplement
];

const HANGUL_BLOCKS: readonly (readonly [number, number])[] = [
  [0x1100, 0x11ff], // jamo
  [0x3130, 0x318f], // compatibility jamo
  [0xa960, 0xa97f], // jamo extended A
  [0xac00, 0xd7ff], // syllables, jamo extended B
  [0xffa0, 0xffdc], // half-width jamo
];

const inBlocks = (cp: number, blocks: readonly (readonly [number, number])[]): boolean =>
  blocks.some(([first, last]) => cp >= first && cp <= last);

/**
 * Whether a character is set as Chinese and Japanese are: an ideograph, kana,
 * bopomofo, CJK punctuation or a full-width form (not Hangul: see `isHangul`).
 * Between two such characters a justified line may spread its space.
 */
export const isCjk = (cp: number): boolean => cp >= 0x2e80 && inBlocks(cp, CJK_BLOCKS);

/** Whether a character is a Hangul syllable or jamo. */
export const isHangul = (cp: number): boolean => cp >= 0x1100 && inBlocks(cp, HANGUL_BLOCKS);

/** The blocks of Thai, Lao, Myanmar (and its extensions) and Khmer (and its symbols): a quick test before the exact one. */
const SOUTHEAST_ASIAN_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0e00, 0x0eff], [0x1000, 0x109f], [0x1780, 0x17ff], [0x19e0, 0x19ff], [0xa9e0, 0xa9ff], [0xaa60, 0xaa7f],
];
const SOUTHEAST_ASIAN_LETTER = /^(?=[\p{sc=Thai}\p{sc=Laoo}\p{sc=Khmr}\p{sc=Mymr}])[\p{L}\p{M}]$/u;

/**
 * Whether a character is a letter or mark of Thai, Lao, Khmer or Myanmar:
 * scripts written without spaces between words, whose words only a
 * dictionary finds. Their digits and punctuation break as other text does.
 */
export const isSoutheastAsian = (cp: number): boolean =>
  inBlocks(cp, SOUTHEAST_ASIAN_BLOCKS) && SOUTHEAST_ASIAN_LETTER.test(String.fromCodePoint(cp));

/**
 * Whether a character is of a script whose words part at a line's end
 * without a hyphen: Chinese, Japanese, Korean, Thai, Lao, Khmer, Myanmar.
 */
export const partsWithoutHyphen = (cp: number): boolean => isCjk(cp) || isHangul(cp) || isSoutheastAsian(cp);

const codePoints = (chars: string): Set<number> => new Set([...chars].map((c) => c.codePointAt(0)!));

/**
 * CJK punctuation by the side its blank half is on, which is what gets
 * compressed (the fonts' `halt`) at a line's start or end and where two
 * marks meet: an opening bracket's blank is before its ink, a closing mark's
 * (comma and full stop too, as JLREQ classes them) after it, a middle dot's
 * on both sides. ‘ “ ’ ” count where Chinese and Japanese fonts set them full
 * width; check the glyph's advance before compressing. ！？ are left out:
 * their blank is not to be squeezed.
 */
const OPENING = codePoints('「『（〔［｛〈《【〘〖〝‘“｟｢');
const CLOSING = codePoints('」』）〕］｝〉》】〙〗〞〟’”｠｣、。，．､｡');
const MIDDLE = codePoints('・：；･');

/** Which side of a CJK punctuation mark is blank, or undefined for anything else. */
export function cjkPunctuation(cp: number): 'opening' | 'closing' | 'middle' | undefined {
  if (OPENING.has(cp)) return 'opening';
  if (CLOSING.has(cp)) return 'closing';
  if (MIDDLE.has(cp)) return 'middle';
  return undefined;
}

/**
 * Kinsoku shori, strict (JLREQ; CLREQ the same for Chinese): marks that
 * never start a line (closing marks, stops, middle dots, small kana, the
 * prolonged sound mark, iteration marks, leaders and the wave dash), and
 * those that never end one (opening marks). `linebreak` already forbids
 * nearly all of them (it takes small kana for NS, the strict choice); the
 * lists make sure, and cover what it leaves open: the full-width tilde ～
 * that stands for the wave dash is an ideograph to UAX #14.
 */
const NO_LINE_START = new Set([
  ...CLOSING,
  ...MIDDLE,
  ...codePoints('！？‼⁇⁈⁉ー…‥〜～゠゛゜〻ゝゞ々ヽヾｰﾞﾟ'),
  ...codePoints('ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶｧｨｩｪｫｬｭｮｯ'),
  ...Array.from({ length: 16 }, (_, i) => 0x31f0 + i), // small katakana ㇰ–ㇿ (Ainu)
]);
const NO_LINE_END = OPENING;

// ——— Break opportunities ———

/**
 * Where a line never breaks here: beside white space, which the paragraph
 * builder breaks at (or not) itself. The ideographic space is not among
 * them: it is a full-width character of the text, set like an ideograph.
 */
const SPACE = /[^\S\u3000]/;

/** Characters that make a text need this module at all: a quick test that spares most text the work. */
const NEEDS_BREAKS = /[\u0e00-\u0eff\u1000-\u11ff\u1780-\u17ff\u19e0-\u19ff\u2e80-\u9fff\ua960-\ua97f\ua9e0-\ua9ff\uaa60-\uaa7f\uac00-\ud7ff\uf900-\ufaff\ufe10-\ufe4f\uff01-\uffe6\ud81b\ud82b\ud82c\ud83c\ud840-\ud8bf]/;

/** What breaking a text needs of its language: its tag (for ICU's dictionaries) and its printers' tailoring. */
type BreakingLanguage = Pick<Language, 'tag' | 'lineBreaking'>;

/** One segmenter per language and granularity: building one costs more than a short text's breaks. */
const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(tag: string, granularity: 'grapheme' | 'word'): Intl.Segmenter {
  const key = `${granularity}\u0000${tag}`;
  let found = segmenters.get(key);
  if (!found) {
    found = new Intl.Segmenter(tag, { granularity });
    segmenters.set(key, found);
  }
  return found;
}

/**
 * Text of which every UTF-16 unit is a grapheme cluster of its own: ASCII,
 * Latin letters without combining marks, general punctuation, CJK marks,
 * kana, ideographs of the basic plane, Hangul syllables, full-width forms.
 * Most Chinese, Japanese and Korean paragraphs are, and are spared the
 * grapheme segmenter, which costs more than all the rest of the work.
 */
const ONE_UNIT_CLUSTERS = /^[\t\n\r\u0020-\u007e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u3098\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff9d]*$/;

/**
 * How much of a text the segmenter is given at a time, in UTF-16 units. Each
 * segment it yields costs time in proportion to the whole text it was given
 * (and past 65,536 units a hundred times more), so that a long paragraph
 * without spaces, segmented whole, took minutes: window by window, the work
 * grows with the paragraph's length.
 */
const SEGMENT_WINDOW = 2048;
/**
 * The end of a window whose boundaries are found again in the next one: a
 * dictionary chooses a word by the few after it, which the window's end may
 * cut off. Longer than any three words (ICU looks three ahead).
 */
const SEGMENT_LOOKAHEAD = 256;

/**
 * Where each segment of `text` starts, as the segmenter finds them over the
 * whole text, from windows of it: each window starts at the last boundary
 * taken from the one before, and boundaries near its end are left to the
 * next. A segment longer than a window goes on across it.
 */
function segmentStarts(text: string, by: Intl.Segmenter): number[] {
  const starts = text.length > 0 ? [0] : [];
  for (let from = 0; from < text.length;) {
    const to = Math.min(text.length, from + SEGMENT_WINDOW);
    const sure = to === text.length ? to : to - SEGMENT_LOOKAHEAD;
    let next = from;
    for (const { index } of by.segment(text.slice(from, to))) {
      const at = from + index;
      if (at === from) continue;
      if (at > sure && next > from) break;
      starts.push(at);
      next = at;
      // a segment ending past the sure part: taken as found, the window being all segment
      if (at > sure) break;
    }
    from = next > from ? next : to;
  }
  return starts;
}

/** Where each grapheme cluster starts: a line never splits a letter from its marks. Clusters are the same in every language. */
function clusterStarts(text: string): number[] {
  if (ONE_UNIT_CLUSTERS.test(text)) return Array.from({ length: text.length }, (_, i) => i);
  return segmentStarts(text, segmenter('und', 'grapheme'));
}

/** Where ICU's dictionaries put word boundaries, in order: the only places a Thai, Lao, Khmer or Myanmar word may break. */
function wordBoundaries(text: string, tag: string): number[] {
  return segmentStarts(text, segmenter(tag, 'word'));
}

/**
 * Thai pieces this short (letters, marks aside: อัก, เตา, คา) are as often
 * syllables of one word as words of their own.
 */
const SHORT_PIECE = 3;
const LETTERS = /\p{L}/gu;
const THAI_LETTER = /^[\p{sc=Thai}]$/u;

/**
 * The word boundaries between two Thai letters that ICU's dictionary may
 * have guessed. It parts a word it does not know into the pieces it knows
 * (a name spelt in Thai letters: อัก|เตา, คา|ซัค|สถาน) and a compound into
 * its words (ผู้|ประท้วง), and marks every piece as a word alike. A boundary
 * is taken as sure where BudouX's model of Thai phrases, trained on other
 * data, sees one too, and the pieces on either side are not both short; in
 * the example's Thai a third of the boundaries are.
 */
function guessedBoundaries(text: string, starts: readonly number[]): Set<number> {
  const phrases = new Set(phraseParser('th').parseBoundaries(text));
  const letters = (from: number, to: number): number => text.slice(from, to).match(LETTERS)?.length ?? 0;
  const guessed = new Set<number>();
  for (let k = 1; k < starts.length; k++) {
    const at = starts[k]!;
    if (!THAI_LETTER.test(text[at - 1]!) || !THAI_LETTER.test(text[at]!)) continue;
    const short = letters(starts[k - 1]!, at) <= SHORT_PIECE && letters(at, starts[k + 1] ?? text.length) <= SHORT_PIECE;
    if (short || !phrases.has(at)) guessed.add(at);
  }
  return guessed;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const APOSTROPHE_SIDE = /^\p{L}$/u;
/** Stand-ins that UAX #14 classes as the tailoring wants: an ideograph (ID), a wide opening (OP) and closing (CL) bracket. */
const AS_IDEOGRAPH = '\u4e00';
const AS_OPENING = '「';
const AS_CLOSING = '」';

/**
 * The text as the tailored UAX #14 should see it, of the same length: a
 * Thai, Lao, Khmer or Myanmar letter as an ideograph (UAX #14 takes them for
 * Latin letters and breaks nowhere near them; as ideographs they break
 * beside other text, and the dictionary decides between two of them), and
 * in Chinese and Japanese “ ‘ as an opening and ” ’ as a closing bracket,
 * except an apostrophe between letters (don’t).
 */
function tailored(text: string, tailoring: LineBreaking): { text: string; southeast: boolean } {
  let out = '';
  let southeast = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    let stand = c;
    if (isSoutheastAsian(c.charCodeAt(0))) {
      stand = AS_IDEOGRAPH;
      southeast = true;
    } else if (tailoring.pairedQuotes && (c === '“' || c === '‘')) stand = AS_OPENING;
    else if (tailoring.pairedQuotes && c === '”') stand = AS_CLOSING;
    else if (tailoring.pairedQuotes && c === '’' && !(APOSTROPHE_SIDE.test(text[i - 1] ?? '') && APOSTROPHE_SIDE.test(text[i + 1] ?? ''))) stand = AS_CLOSING;
    out += stand;
  }
  return { text: out, southeast };
}

/** UAX #14's break opportunities in a text (where a new line may start). */
function uax14(text: string): Set<number> {
  const found = new Set<number>();
  const breaker = new LineBreaker(text);
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) found.add(b.position);
  return found;
}

/** How a character counts for breaking: which of the scripts without spaces, or other text. */
type Side = 'cjk' | 'hangul' | 'southeast' | 'other';

function sideOf(cp: number, tailoring: LineBreaking): Side {
  if (isSoutheastAsian(cp)) return 'southeast';
  if (isHangul(cp)) return 'hangul';
  // in Chinese and Japanese curly quotation marks are CJK punctuation
  if (isCjk(cp) || (tailoring.pairedQuotes && (cp === 0x201c || cp === 0x201d || cp === 0x2018 || cp === 0x2019))) return 'cjk';
  return 'other';
}

/**
 * The line-break opportunities of a text that spaces and hyphenation do not
 * give: each position (UTF-16 index where a new line may start) strictly
 * inside a run of non-space characters, with an ideograph, kana, CJK mark,
 * Hangul or Thai, Lao, Khmer or Myanmar letter on at least one side, by kind.
 * Never beside white space (the caller breaks there), never inside a
 * grapheme cluster, never inside a Latin word or a number. In ascending order.
 *
 * The text's language chooses the tailoring (Chinese and Japanese pair
 * their quotation marks, Korean keeps words whole) and the dictionaries.
 */
export function scriptBreaks(text: string, language: BreakingLanguage): Map<number, ScriptBreak> {
  const breaks = new Map<number, ScriptBreak>();
  if (!NEEDS_BREAKS.test(text)) return breaks;
  const tailoring = language.lineBreaking;
  const seen = tailored(text, tailoring);
  const allowed = uax14(seen.text);
  const starts = seen.southeast ? wordBoundaries(text, language.tag) : undefined;
  const words = starts && new Set(starts);
  // Thai, whose phrases BudouX models, tells the boundaries it is sure of from those the dictionary may have guessed
  const guessed = starts && tailoring.phrases === 'th' ? guessedBoundaries(text, starts) : undefined;
  const clusters = clusterStarts(text);
  for (let k = 1; k < clusters.length; k++) {
    const at = clusters[k]!;
    if (!allowed.has(at) || SPACE.test(text[at - 1]!) || SPACE.test(text[at]!)) continue;
    const before = text.codePointAt(clusters[k - 1]!)!;
    const after = text.codePointAt(at)!;
    const sides = [sideOf(before, tailoring), sideOf(after, tailoring)];
    if (sides[0] === 'other' && sides[1] === 'other') continue;
    if (NO_LINE_START.has(after) || NO_LINE_END.has(before)) continue;
    if (sides.includes('southeast') && words && !words.has(at)) {
      // ICU runs Latin letters and digits into the Thai word beside them ("zineและ"): there UAX #14 decides alone
      const other = sides[0] === 'southeast' ? after : before;
      const otherIsText = sideOf(other, tailoring) !== 'southeast' && LETTER_OR_DIGIT.test(String.fromCodePoint(other));
      if (!otherIsText) continue;
    }
    breaks.set(at, sides.includes('southeast') ? (guessed?.has(at) ? 'part' : 'word')
      : sides.includes('hangul') || tailoring.keepAll ? 'syllable'
        : 'ideograph');
  }
  return breaks;
}

// ——— Phrases, for display lines ———

interface PhraseParser {
  parseBoundaries(sentence: string): number[];
}
const phraseParsers = new Map<PhraseModel, PhraseParser>();
const require = createRequire(import.meta.url);

/** BudouX's file of each model's weights, in the package's `data/models`. */
const PHRASE_MODELS: Record<PhraseModel, string> = { ja: 'ja', 'zh-Hans': 'zh-hans', 'zh-Hant': 'zh-hant', th: 'th' };

/**
 * BudouX's parser for a model, loaded on first use. The parser and the
 * model are read from the package's own files: its entry point loads an
 * HTML processor too, and the DOM library under it, in a tenth of a second
 * that plain text does not need. Required at run time, they stay out of the
 * bundle, where every start would parse the models' 200 KB.
 */
function phraseParser(model: PhraseModel): PhraseParser {
  let parser = phraseParsers.get(model);
  if (!parser) {
    // by the files' paths: the package exports only its entry point
    const dir = dirname(require.resolve('budoux'));
    const { Parser } = require(join(dir, 'parser.js')) as typeof import('budoux');
    const { model: weights } = require(join(dir, 'data', 'models', `${PHRASE_MODELS[model]}.js`)) as { model: typeof import('budoux').jaModel };
    parser = new Parser(weights);
    phraseParsers.set(model, parser);
  }
  return parser;
}

/**
 * Where a display line (a cover title, a heading) may break inside a run of
 * non-space characters: between phrases, so that a title does not part a
 * word from its particle. From BudouX's models for Japanese, Chinese
 * (Simplified, Traditional) and Thai, kept only where `scriptBreaks` allows
 * a break (so kinsoku, clusters and Latin words hold); for other languages
 * the `scriptBreaks` positions except Korean's syllable breaks, since a
 * Korean title breaks at its spaces. Same position convention as
 * `scriptBreaks`, whose breaks a caller that has them may pass; breaks at
 * spaces are the caller's. A title too long for a
 * line between phrases falls back on `scriptBreaks`.
 */
export function phraseBreaks(text: string, language: BreakingLanguage, allowed = scriptBreaks(text, language)): number[] {
  if (allowed.size === 0) return [];
  const model = language.lineBreaking.phrases;
  if (!model) return [...allowed].filter(([, kind]) => kind !== 'syllable').map(([at]) => at);
  // a Thai boundary the dictionary may have guessed is no phrase's (คา|ซัคสถาน)
  const phrases = phraseParser(model).parseBoundaries(text).filter((at) => allowed.has(at) && allowed.get(at) !== 'part');
  if (model === 'ja' || model === 'th') return phrases;
  // BudouX's Chinese models part words (上|涨, 引|发) that ICU's dictionary keeps whole: a phrase ends where a word does
  const words = new Set(wordBoundaries(text, language.tag));
  return phrases.filter((at) => words.has(at));
}
