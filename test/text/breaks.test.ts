import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cjkPunctuation, isCjk, isHangul, isSoutheastAsian, phraseBreaks, scriptBreaks } from '../../src/text/breaks.js';
import { ROOT } from '../support/fixtures.js';
import { languageOf } from '../../src/lang/languages.js';

const at = (text: string, language: string): number[] => [...scriptBreaks(text, languageOf(language)).keys()];
const kinds = (text: string, language: string): Set<string> => new Set(scriptBreaks(text, languageOf(language)).values());
const cp = (c: string): number => c.codePointAt(0)!;
const fixture = (language: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'texts', `${language}.md`), 'utf8').trim();

/** Interior word boundaries by ICU, the reference for Thai and its neighbours. */
const wordBoundaries = (text: string, language: string): number[] =>
  Array.from(new Intl.Segmenter(language, { granularity: 'word' }).segment(text), (s) => s.index).filter((i) => i > 0);
const clusterBoundaries = (text: string): Set<number> =>
  new Set(Array.from(new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text), (s) => s.index));

// The marks kinsoku keeps from a line's start and end, as JLREQ and CLREQ list them
const NO_START = [
  ...'。、，．・：；！？」』）〕］｝〉》】〙〗〟’”ー…‥〜',
  ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ',
  ...Array.from({ length: 16 }, (_, i) => String.fromCodePoint(0x31f0 + i)),
  ...'ゝゞ々ヽヾ',
  ...'）］｝，．：；！？',
];
const NO_END = [...'「『（〔［｛〈《【〘〖〝‘“', ...'（［｛'];
/** What a forbidden mark may follow or precede: an ideograph, kana, a Latin letter, a digit, another mark. */
const NEIGHBOURS = ['漢', 'か', 'カ', 'a', '7', '。', '」', '「'];

describe('kinsoku in Chinese and Japanese', () => {
  for (const language of ['zh', 'ja', 'zh-Hant', 'ja-JP']) {
    it(`no line starts with a closing mark, stop, small kana or iteration mark (${language})`, () => {
      for (const mark of NO_START) {
        for (const before of NEIGHBOURS) {
          const text = `漢${before}${mark}漢`;
          expect(scriptBreaks(text, languageOf(language)).has(2), `${JSON.stringify(text)} broken before ${mark}`).toBe(false);
        }
        // and not when several of them follow each other
        expect(scriptBreaks(`漢${mark}${mark}漢`, languageOf(language)).has(2), `${mark}${mark}`).toBe(false);
      }
    });

    it(`no line ends with an opening mark (${language})`, () => {
      for (const mark of NO_END) {
        for (const after of NEIGHBOURS) {
          const text = `漢${mark}${after}漢`;
          expect(scriptBreaks(text, languageOf(language)).has(2), `${JSON.stringify(text)} broken after ${mark}`).toBe(false);
        }
      }
    });
  }

  it('no line starts with a full-width tilde, used for the wave dash, which UAX #14 classes as an ideograph', () => {
    for (const language of ['zh', 'ja', 'ko']) expect(at('十時～十二時', language)).not.toContain(2);
    expect(at('十時～十二時', 'ja')).toContain(3);
  });

  it('still breaks after a closing mark and before an opening one', () => {
    expect(at('他说。我们走', 'zh')).toContain(3);
    expect(at('文字」文字', 'ja')).toContain(3);
    expect(at('文字「文字', 'ja')).toContain(2);
    expect(at('说（二）好', 'zh')).toEqual(expect.arrayContaining([1, 4]));
  });

  it('takes “ and ” for opening and closing marks in Chinese and Japanese, where UAX #14 breaks on neither side', () => {
    const text = '他说“我也想帮忙”然后走了';
    expect(at(text, 'zh')).toContain(2); // before “
    expect(at(text, 'zh')).not.toContain(3); // after “
    expect(at(text, 'zh')).not.toContain(8); // before ”
    expect(at(text, 'zh')).toContain(9); // after ”
    expect(at('相互扶助は“施し”ではない', 'ja')).toEqual(expect.arrayContaining([5, 9]));
    // elsewhere a quotation mark may be opening or closing: no break beside it
    expect(at(text, 'en')).not.toContain(2);
    expect(at(text, 'en')).not.toContain(9);
  });

  it('keeps an apostrophe inside its word in Chinese text', () => {
    const text = '他说don’t就走';
    expect(at(text, 'zh')).toEqual([1, 2, 7, 8]);
  });

  it('never breaks the fixtures before a closing mark or after an opening one', () => {
    for (const language of ['zh', 'ja']) {
      const text = fixture(language);
      const breaks = at(text, language);
      expect(breaks.length).toBeGreaterThan(text.length / 2);
      for (const b of breaks) {
        expect(NO_START, `${language} breaks before ${text[b]} at ${b}`).not.toContain(text[b]);
        expect(NO_END, `${language} breaks after ${text[b - 1]} at ${b}`).not.toContain(text[b - 1]);
      }
    }
  });
});

describe('ideographs', () => {
  it('may break between any two ideographs or kana', () => {
    const text = '我们自己动手印刷小册子';
    const breaks = scriptBreaks(text, languageOf('zh-Hans'));
    expect([...breaks.keys()]).toEqual(Array.from({ length: text.length - 1 }, (_, i) => i + 1));
    expect(new Set(breaks.values())).toEqual(new Set(['ideograph']));
    expect(at('みんなでつくる', 'ja')).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('breaks where CJK meets Latin, never inside a Latin word or a number', () => {
    expect(at('第一本zine只有24页', 'zh')).toEqual([1, 2, 3, 7, 8, 9, 11]);
    expect(at('古いコピー機でzineを刷った', 'ja')).toEqual(expect.arrayContaining([7, 11]));
    expect(at('圆周率3.14很长', 'zh')).toEqual([1, 2, 3, 7, 8]);
    expect(at('约1,000人', 'zh')).toEqual([1, 6]);
    expect(kinds('第一本zine只有24页', 'zh')).toEqual(new Set(['ideograph']));
  });

  it('keeps a sign with its number ($100元, 50%)', () => {
    expect(at('花了$100元', 'zh')).toEqual([1, 2, 6]);
    expect(at('占50%的人', 'zh')).toEqual([1, 4, 5]);
  });

  it('never breaks beside a space, nor inside a cluster or a surrogate pair', () => {
    expect(at('我们 的 zine', 'zh')).toEqual([1]);
    expect(at('か\u3099き', 'ja')).toEqual([2]); // が written with a combining mark
    expect(at('𠮷野家', 'ja')).toEqual([2, 3]);
    expect(at('字👩\u200d👩\u200d👧字', 'zh')).toEqual([1, 9]);
  });

  it('breaks after an ideographic space, which is set as a character', () => {
    expect(at('第一章\u3000自由', 'ja')).toEqual([1, 2, 4, 5]);
  });

  it('gives nothing for text without CJK or Southeast Asian letters', () => {
    expect(scriptBreaks('well-known zines, 24 pages (and more)', languageOf('en')).size).toBe(0);
    expect(scriptBreaks('', languageOf('zh')).size).toBe(0);
  });
});

describe('Thai, Lao, Khmer and Myanmar', () => {
  const sentence = 'การพิมพ์หนังสือเล่มเล็กด้วยกันเป็นการช่วยเหลือซึ่งกันและกัน';

  it('breaks a Thai sentence without spaces exactly at the dictionary word boundaries', () => {
    const breaks = scriptBreaks(sentence, languageOf('th'));
    const words = wordBoundaries(sentence, 'th').filter((i) => i < sentence.length);
    expect(words.length).toBeGreaterThan(8);
    expect([...breaks.keys()]).toEqual(words);
    // the boundaries it is sure of, and those the dictionary may have guessed
    expect(new Set(breaks.values())).toEqual(new Set(['word', 'part']));
    const clusters = clusterBoundaries(sentence);
    for (const b of breaks.keys()) expect(clusters.has(b)).toBe(true);
  });

  it('marks the boundaries the dictionary may have guessed, inside a name spelt in Thai letters, as parts of a word', () => {
    const text = 'คนงานในเมืองอักเตาและชานาโอเซนประท้วง';
    const breaks = scriptBreaks(text, languageOf('th'));
    for (const name of ['อักเตา', 'ชานาโอเซน']) {
      const from = text.indexOf(name);
      const inside = [...breaks].filter(([at]) => at > from && at < from + name.length);
      // ICU's dictionary parts both (อัก|เตา, ชา|นา|โอ|เซน): none of those is sure
      expect(inside.length).toBeGreaterThan(0);
      expect(inside.map(([, kind]) => kind)).toEqual(inside.map(() => 'part'));
    }
    // a boundary beside a word BudouX's model also sees is sure
    expect(breaks.get(text.indexOf('เมือง'))).toBe('word');
  });

  it('breaks no Thai word: none inside หนังสือ, ช่วยเหลือ', () => {
    const breaks = at(sentence, 'th');
    const book = sentence.indexOf('หนังสือ');
    for (let i = book + 1; i < book + 'หนังสือ'.length; i++) expect(breaks).not.toContain(i);
    expect(breaks).toContain(book);
    expect(breaks).toContain(book + 'หนังสือ'.length);
  });

  it('keeps ๆ and ฯ with the word before them', () => {
    expect(at('ต่างๆกัน', 'th')).not.toContain(4);
    expect(at('กรุงเทพฯเมือง', 'th')).not.toContain(7);
  });

  it('breaks where Thai meets Latin or digits (ICU runs them together), not before closing marks', () => {
    const text = 'พิมพ์zineเล่มแรก24หน้า(ฟรี)ครับ';
    const breaks = at(text, 'th');
    expect(breaks).toEqual(expect.arrayContaining([5, 9, 16, 18, 22, 27]));
    expect(breaks).not.toContain(6); // inside zine
    expect(breaks).not.toContain(17); // inside 24
    expect(breaks).not.toContain(23); // after (
    expect(breaks).not.toContain(26); // before )
  });

  it('breaks Lao, Khmer and Myanmar at their dictionary word boundaries', () => {
    for (const [text, language] of [['ພາສາລາວເປັນພາສາທີ່ສວຍງາມ', 'lo'], ['ភាសាខ្មែរគឺជាភាសាដ៏ស្រស់ស្អាត', 'km'], ['မြန်မာဘာသာစကားသည်လှပသည်', 'my']] as const) {
      const breaks = at(text, language);
      expect(breaks.length, language).toBeGreaterThan(2);
      expect(breaks).toEqual(wordBoundaries(text, language).filter((i) => i < text.length));
    }
  });

  it('gives the Thai fixture word breaks only, none beside its spaces', () => {
    const text = fixture('th');
    const breaks = scriptBreaks(text, languageOf('th'));
    expect(breaks.size).toBeGreaterThan(40);
    expect(new Set(breaks.values())).toEqual(new Set(['word', 'part']));
    for (const b of breaks.keys()) expect(/\s/.test(text[b - 1]!) || /\s/.test(text[b]!)).toBe(false);
  });
});

describe('Korean', () => {
  it('breaks inside a Korean word only between syllables, and only as a last resort', () => {
    const breaks = scriptBreaks('텍스트입니다', languageOf('ko'));
    expect([...breaks.keys()]).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(breaks.values())).toEqual(new Set(['syllable']));
  });

  it('keeps words whole at spaces: nothing beside them', () => {
    expect(at('한국어 텍스트', 'ko')).toEqual([1, 2, 5, 6]);
  });

  it('marks Hangul and hanja in Korean, and Latin and digits beside them, as syllable breaks', () => {
    expect(kinds('2024년zine은 人間', 'ko')).toEqual(new Set(['syllable']));
    expect(at('2024년zine은', 'ko')).toEqual([4, 5, 9]);
    // Hangul is broken the Korean way in any language
    expect(kinds('말했다', 'en')).toEqual(new Set(['syllable']));
  });

  it('gives the Korean fixture syllable breaks only, none before its stops', () => {
    const text = fixture('ko');
    const breaks = scriptBreaks(text, languageOf('ko'));
    expect(new Set(breaks.values())).toEqual(new Set(['syllable']));
    for (const b of breaks.keys()) expect('.,)”'.includes(text[b]!), `before ${text[b]}`).toBe(false);
  });
});

describe('any text', () => {
  const alphabet = [...'漢字かなカナ한글ไทยคำ  abc12。、」「（）“”’ー々ゃ.,-\u3000\u0e46'];

  it('gives positions strictly inside, at cluster boundaries, never beside a space, never against kinsoku', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((cs) => cs.join('')),
      fc.constantFrom('zh', 'ja', 'ko', 'th', 'en'),
      (text, language) => {
        const clusters = clusterBoundaries(text);
        let last = 0;
        for (const [b, kind] of scriptBreaks(text, languageOf(language))) {
          expect(b).toBeGreaterThan(last);
          last = b;
          expect(b).toBeLessThan(text.length);
          expect(clusters.has(b)).toBe(true);
          expect(text[b - 1]).not.toBe(' ');
          expect(text[b]).not.toBe(' ');
          expect(NO_START).not.toContain(text[b]);
          expect(NO_END).not.toContain(text[b - 1]);
          expect(['ideograph', 'word', 'part', 'syllable']).toContain(kind);
        }
      },
    // a Thai run the dictionary parts inside what may be one word ('part')
    ), { examples: [['ไไคไย', 'th']] });
  });
});

describe('character classes', () => {
  it('counts ideographs, kana, CJK marks and full-width forms as CJK, not Hangul or Latin', () => {
    for (const c of '漢字かなカナ。「」・（！ｚ２\u3000𠮷') expect(isCjk(cp(c)), c).toBe(true);
    for (const c of '한a7“ไ') expect(isCjk(cp(c)), c).toBe(false);
    expect(isHangul(cp('한'))).toBe(true);
    expect(isHangul(cp('漢'))).toBe(false);
    for (const c of 'ไทยๆฯ\u0e48ລາวខ្មែរမြန်') expect(isSoutheastAsian(cp(c)), c).toBe(true);
    for (const c of '๒.a漢') expect(isSoutheastAsian(cp(c)), c).toBe(false);
  });

  it('classes CJK punctuation by the side of its blank half', () => {
    for (const c of '「『（〔［｛〈《【“') expect(cjkPunctuation(cp(c)), c).toBe('opening');
    for (const c of '」』）〕］｝〉》】”、。，．') expect(cjkPunctuation(cp(c)), c).toBe('closing');
    for (const c of '・：；') expect(cjkPunctuation(cp(c)), c).toBe('middle');
    for (const c of '漢か！？a(') expect(cjkPunctuation(cp(c)), c).toBeUndefined();
  });
});

describe('phrase breaks for display lines', () => {
  it('breaks a Japanese title between phrases, never inside a word', () => {
    const title = '私たちの雑誌は、みんなで作る相互扶助の記録です';
    const breaks = phraseBreaks(title, languageOf('ja'));
    expect(breaks).toContain(title.indexOf('雑誌'));
    expect(breaks).toContain(title.indexOf('みんな'));
    expect(breaks.length).toBeLessThan(8);
    for (const word of ['雑誌', 'みんな', '相互扶助', '記録']) {
      const start = title.indexOf(word);
      for (let i = start + 1; i < start + word.length; i++) expect(breaks, `inside ${word}`).not.toContain(i);
    }
    // only where a line may break at all
    const allowed = scriptBreaks(title, languageOf('ja'));
    for (const b of breaks) expect(allowed.has(b)).toBe(true);
  });

  it('keeps kinsoku and Latin words in a phrase-broken title', () => {
    const title = '「自分たちで作る」zine入門2024';
    const breaks = phraseBreaks(title, languageOf('ja'));
    expect(breaks).not.toContain(1);
    expect(breaks).not.toContain(title.indexOf('」'));
    for (let i = title.indexOf('zine') + 1; i < title.indexOf('zine') + 4; i++) expect(breaks).not.toContain(i);
  });

  it('uses the Chinese models by script and the Thai one', () => {
    const hans = phraseBreaks('我们自己动手印刷小册子', languageOf('zh-Hans'));
    expect(hans).toContain(2);
    expect(hans).not.toContain(1);
    expect(phraseBreaks('我們自己動手印刷小冊子', languageOf('zh-TW'))).toContain(2);
    const thai = 'การช่วยเหลือซึ่งกันและกัน';
    const phrases = phraseBreaks(thai, languageOf('th'));
    expect(phrases.length).toBeGreaterThan(0);
    const words = new Set(wordBoundaries(thai, 'th'));
    for (const b of phrases) expect(words.has(b)).toBe(true);
  });

  it('reads BudouX\'s parser and models alone, without the HTML processor and the DOM library under it', () => {
    expect(phraseBreaks('小さなグループで集まりました', languageOf('ja')).length).toBeGreaterThan(0);
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.filter((file) => /[\\/]budoux[\\/]dist[\\/]parser\.js$/.test(file))).toHaveLength(1);
    expect(loaded.filter((file) => /[\\/](linkedom|htmlparser2)[\\/]|[\\/]budoux[\\/]dist[\\/]html_processor\.js$/.test(file))).toEqual([]);
  });

  it('ends a Chinese phrase only where a word ends, though the model parts words', () => {
    const title = '燃料价格上涨引发抗议，总统召来了俄罗斯军队';
    const breaks = phraseBreaks(title, languageOf('zh-Hans'));
    // BudouX alone parts 上|涨 and 引|发
    for (const word of ['燃料', '价格', '上涨', '引发', '抗议', '俄罗斯', '军队']) {
      const from = title.indexOf(word);
      expect(breaks.filter((at) => at > from && at < from + word.length), word).toEqual([]);
    }
    expect(breaks).toEqual(expect.arrayContaining([title.indexOf('价格'), title.indexOf('俄罗斯'), title.indexOf('军队')]));
  });

  it('falls back on the script breaks elsewhere, without Korean syllable breaks', () => {
    expect(phraseBreaks('한국어 텍스트입니다', languageOf('ko'))).toEqual([]);
    expect(phraseBreaks('ພາສາລາວເປັນພາສາ', languageOf('lo'))).toEqual(at('ພາສາລາວເປັນພາສາ', 'lo'));
    expect(phraseBreaks('Mutual aid', languageOf('en'))).toEqual([]);
  });
});
