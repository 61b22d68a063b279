import { vi } from 'vitest';

/**
 * `Intl.DisplayNames` naming languages as newer ICU does (Node 22 and later): a code
 * with more than a language, script and region (`en-u-nu-arab`) is refused
 * with a RangeError, as the standard allows. Node 20's ICU names such a code
 * by its language; this makes a test see what users on a newer Node would.
 * Undone by `vi.restoreAllMocks()`.
 */
export function strictLanguageNames(): void {
  const of = Intl.DisplayNames.prototype.of;
  vi.spyOn(Intl.DisplayNames.prototype, 'of').mockImplementation(function (this: Intl.DisplayNames, code: string) {
    if (this.resolvedOptions().type === 'language' && code !== new Intl.Locale(code).baseName) throw new RangeError('invalid_argument');
    return of.call(this, code);
  });
}
