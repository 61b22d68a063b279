/**
 * Locale codes are BCP 47 language tags (`en`, `pt-BR`, `zh-Hant`, `es-419`).
 * They name folders and come from users, so anything that is not a tag is
 * refused before it is used as a path or looked up in a table.
 */

/** Longer than any real tag (BCP 47 asks for 35 characters to be supported). */
const MAX_TAG_LENGTH = 64;

/** Why `code` is not a usable locale code, or undefined when it is one. */
export function localeTagProblem(code: string): string | undefined {
  if (isTag(code)) return undefined;
  const shown = JSON.stringify(code.length > 40 ? `${code.slice(0, 40)}…` : code);
  const dashed = code.replace(/_/g, '-');
  if (dashed !== code && isTag(dashed)) return `${shown} is not a language tag: write ${dashed}`;
  return `${shown} is not a language tag (BCP 47) such as en, pt-BR, zh-Hant or es-419`;
}

function isTag(code: string): boolean {
  if (code.length === 0 || code.length > MAX_TAG_LENGTH) return false;
  try {
    Intl.getCanonicalLocales(code);
    return true;
  } catch {
    return false;
  }
}
