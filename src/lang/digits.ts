import type { Language } from './types.js';

/**
 * Numbers in a language's own digits: page numbers, note numbers, the
 * numbers of a list. CLDR's default numbering for the language (Farsi ۱۲,
 * Bengali ১২, Latin digits for most), or the system a theme names for it
 * (`arab` for Arabic's ١٢, where CLDR's default is 12).
 */
const made = new Map<string, (text: string) => string>();

/** A function writing the Western digits of a text in the language's digits. */
export function localDigits(tag: string, numbering?: string): (text: string) => string {
  const key = `${tag} ${numbering ?? ''}`;
  let write = made.get(key);
  if (!write) {
    const format = new Intl.NumberFormat(tag, { useGrouping: false, ...(numbering === undefined ? {} : { numberingSystem: numbering }) });
    const digits = Array.from({ length: 10 }, (_, d) => format.format(d));
    write = digits.join('') === '0123456789' ? (text) => text : (text) => text.replace(/[0-9]/g, (d) => digits[Number(d)]!);
    made.set(key, write);
  }
  return write;
}

/** Numbers in a language's digits: CLDR's default for it, or the numbering a theme names for it (`"digits": { "ar": "arab" }`). */
export function languageDigits({ tag }: Language, numbering: Readonly<Record<string, string>>): (text: string) => string {
  return localDigits(tag, numbering[tag]);
}

/** Whether ICU knows a numbering system by this name (`latn`, `arab`, `arabext`, `deva` …). */
export function isNumberingSystem(name: string): boolean {
  try {
    return new Intl.NumberFormat('und', { numberingSystem: name }).resolvedOptions().numberingSystem === name;
  } catch {
    return false;
  }
}
