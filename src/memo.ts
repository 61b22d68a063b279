import { createHash } from 'node:crypto';

/**
 * What is kept by content, so that it is made once: a page's drawing
 * deflated, a font subset, which a build's locales share; and in a process
 * that builds again and again (`--watch`, `zine serve`), also a paragraph
 * analysed and set, from one build to the next. A rebuild after a
 * one-paragraph edit finds everything else as it was and does only what the
 * edit touched.
 *
 * Each memo keeps what the last build (or locale) used: what one does not
 * use again (the paragraph as it read before the edit) is dropped when the
 * next starts, so a long session holds about one build's worth.
 */
export class Memos {
  private readonly memos: Memo<unknown>[] = [];
  private build = 0;

  /** A new memo, kept as long as these memos are. */
  memo<V>(): Memo<V> {
    const memo = new Memo<V>(this);
    this.memos.push(memo as Memo<unknown>);
    return memo;
  }

  /** The build under way, counted from 0. */
  get current(): number {
    return this.build;
  }

  /** A new build starts: drops what the last one did not use. */
  nextBuild(): void {
    this.build++;
    for (const memo of this.memos) memo.sweep(this.build - 1);
  }
}

/**
 * Keys longer than this are kept by their SHA-256: V8 hashes a string of
 * more than 16,383 characters by its length alone, and a map of such keys
 * (pages' content, long paragraphs) compares them whole, one by one.
 */
const LONG_KEY = 4096;

/** Values by key, each remembered with the last build that used it. */
export class Memo<V> {
  private readonly values = new Map<string, { value: V; used: number }>();

  constructor(private readonly owner: Memos) {}

  /** The value kept for `key`, else the one `make` makes, then kept. */
  get(text: string, make: () => V): V {
    const key = text.length > LONG_KEY ? createHash('sha256').update(text).digest('base64') : text;
    const found = this.values.get(key);
    if (found) {
      found.used = this.owner.current;
      return found.value;
    }
    const value = make();
    this.values.set(key, { value, used: this.owner.current });
    return value;
  }

  /** Drops what no build since `since` used. */
  sweep(since: number): void {
    for (const [key, entry] of this.values) if (entry.used < since) this.values.delete(key);
  }

  get size(): number {
    return this.values.size;
  }
}
