/**
 * Dates that make builds repeatable: the zine's `date` and
 * SOURCE_DATE_EPOCH (reproducible-builds.org) become the PDFs' creation date,
 * so the same sources give the same bytes.
 */
import { ZineError } from '../errors.js';

/** The last second of the year 9999: PDF dates have four-digit years. */
export const LAST_EPOCH_SECOND = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;

/** A day written YYYY-MM-DD, as its midnight UTC; undefined for a day the calendar lacks (2026-02-30). */
export function dayOf(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  // an impossible day rolls over into the next month (February 30th is March 2nd): it must come back as written
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? date : undefined;
}

/**
 * SOURCE_DATE_EPOCH: unset or empty, none; else whole seconds since 1970. A
 * malformed one fails, as the convention asks, rather than be silently ignored.
 */
export function sourceDateEpoch(value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value) && Number(value) <= LAST_EPOCH_SECOND) return new Date(Number(value) * 1000);
  throw new ZineError(
    `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to ${LAST_EPOCH_SECOND} (the end of 9999), not ${JSON.stringify(value)}`,
  );
}

/** The PDFs' creation date: SOURCE_DATE_EPOCH, else the zine's date (checked by loadConfig), else now. */
export function creationDate(epoch: string | undefined, zineDate: string | undefined, now: () => Date = () => new Date()): Date {
  return sourceDateEpoch(epoch) ?? (zineDate === undefined ? undefined : dayOf(zineDate)) ?? now();
}

/** A day as zine.json writes it (YYYY-MM-DD), in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
