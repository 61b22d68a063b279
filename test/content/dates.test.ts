import { describe, expect, it } from 'vitest';
import { creationDate, dayOf, isoDay, LAST_EPOCH_SECOND, sourceDateEpoch } from '../../src/content/dates.js';
import { ZineError } from '../../src/errors.js';

describe('dayOf', () => {
  it('reads a day of the calendar as its midnight UTC', () => {
    expect(dayOf('2026-01-02')?.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(dayOf('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(dayOf('0099-12-31')?.toISOString()).toBe('0099-12-31T00:00:00.000Z');
  });

  it('refuses days the calendar lacks, rather than rolling them into the next month', () => {
    for (const day of ['2026-02-30', '2026-13-01', '2025-02-29', '2026-04-31', '2026-00-10', '2026-01-00', '2026-1-2', '2026-01-02T00:00', ' 2026-01-02', '']) {
      expect(dayOf(day), day).toBeUndefined();
    }
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  it('is none when unset or empty', () => {
    expect(sourceDateEpoch(undefined)).toBeUndefined();
    expect(sourceDateEpoch('')).toBeUndefined();
  });

  it('is whole seconds since 1970, up to the end of 9999', () => {
    expect(sourceDateEpoch('0')?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(sourceDateEpoch('1641081600')?.toISOString()).toBe('2022-01-02T00:00:00.000Z');
    expect(sourceDateEpoch(String(LAST_EPOCH_SECOND))?.toISOString()).toBe('9999-12-31T23:59:59.000Z');
  });

  it('fails when malformed, naming itself and what is allowed', () => {
    for (const value of ['garbage', '-1', '1e9', '1.5', ' 1641081600', '0x10', String(LAST_EPOCH_SECOND + 1), '99999999999999']) {
      expect(() => sourceDateEpoch(value), value).toThrow(ZineError);
      expect(() => sourceDateEpoch(value), value).toThrow(/^SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to 253402300799/);
    }
  });
});

describe('creationDate', () => {
  const now = (): Date => new Date('2030-05-06T07:08:09Z');
  it('takes SOURCE_DATE_EPOCH first, then the zine\'s date, then now', () => {
    expect(creationDate('1641081600', '2026-01-02', now).toISOString()).toBe('2022-01-02T00:00:00.000Z');
    expect(creationDate(undefined, '2026-01-02', now).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(creationDate('', '2026-01-02', now).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(creationDate(undefined, undefined, now)).toEqual(now());
  });

  it('fails on a malformed SOURCE_DATE_EPOCH even when the zine has a date', () => {
    expect(() => creationDate('garbage', '2026-01-02', now)).toThrow(/SOURCE_DATE_EPOCH/);
  });
});

describe('isoDay', () => {
  it('writes the UTC day, as zine.json does', () => {
    expect(isoDay(new Date('2026-03-04T23:59:59Z'))).toBe('2026-03-04');
    expect(isoDay(new Date('2026-03-04T23:59:59-05:00'))).toBe('2026-03-05');
  });
});
