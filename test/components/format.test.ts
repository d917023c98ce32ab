import { describe, expect, it } from 'vitest';
import {
  abbreviateId,
  abbreviateSize,
  barLength,
  clockTime,
  decimalPlaces,
  formatAge,
  formatCents,
  formatSize,
  formatTicks,
  limitPlaces,
  padFraction,
  shiftDecimal,
  signed,
  truncate,
  withThousands,
} from '../../components/format.js';

process.env.TZ = 'UTC';

describe('format', () => {
  it('pads fractions to align decimals without ever cutting digits', () => {
    expect(decimalPlaces('0.01')).toBe(2);
    expect(decimalPlaces('5')).toBe(0);
    expect(padFraction('0.4', 2)).toBe('0.40');
    expect(padFraction('1', 2)).toBe('1.00');
    expect(padFraction('0.405', 2)).toBe('0.405');
    expect(padFraction('7', 0)).toBe('7');
  });

  it('separates thousands in the integer part only', () => {
    expect(withThousands('1234567.125')).toBe('1,234,567.125');
    expect(withThousands('999')).toBe('999');
    expect(withThousands('-14884.14')).toBe('-14,884.14');
    expect(formatSize('1500', 2)).toBe('1,500.00');
    expect(formatSize('0.5')).toBe('0.5');
  });

  it('limits decimals for display only when there are more', () => {
    expect(limitPlaces('2.439023', 2)).toBe('2.44');
    expect(limitPlaces('104.000000', 2)).toBe('104.00');
    expect(limitPlaces('12.5', 2)).toBe('12.5');
    expect(limitPlaces('7', 2)).toBe('7');
  });

  it('abbreviates sizes to at most six characters', () => {
    expect(abbreviateSize('14884.14')).toBe('14.9k');
    expect(abbreviateSize('1000')).toBe('1k');
    expect(abbreviateSize('149999')).toBe('150k');
    expect(abbreviateSize('999999')).toBe('1M');
    expect(abbreviateSize('2500000')).toBe('2.5M');
    expect(abbreviateSize('106.06')).toBe('106.06');
    expect(abbreviateSize('12.345678')).toBe('12.346');
    expect(abbreviateSize('0')).toBe('0');
    for (const v of ['14884.14', '999.99', '123456789', '0.0000001', '99950']) expect(abbreviateSize(v).length).toBeLessThanOrEqual(6);
  });

  it('scales bars, showing at least one cell for any size', () => {
    expect(barLength('50', 100, 10)).toBe(5);
    expect(barLength('0.01', 100, 10)).toBe(1);
    expect(barLength('100', 100, 10)).toBe(10);
    expect(barLength('0', 100, 10)).toBe(0);
    expect(barLength('5', 0, 10)).toBe(0);
  });

  it('turns price differences into cents and ticks by moving the decimal point', () => {
    expect(shiftDecimal('0.01', 2)).toBe('1');
    expect(shiftDecimal('0.005', 2)).toBe('0.5');
    expect(shiftDecimal('-0.02', 2)).toBe('-2');
    expect(shiftDecimal('1.5', 2)).toBe('150');
    expect(formatCents('0.01')).toBe('1.0¢');
    expect(formatCents('0.105')).toBe('10.5¢');
    expect(formatCents('-0.01')).toBe('-1.0¢');
    expect(formatTicks('1')).toBe('1 tick');
    expect(formatTicks('2')).toBe('2 ticks');
    expect(formatTicks('-1')).toBe('-1 tick');
    expect(signed('0.25')).toBe('+0.25');
    expect(signed('-0.25')).toBe('-0.25');
    expect(signed('0')).toBe('0');
  });

  it('says ages in one unit', () => {
    expect(formatAge(0)).toBe('0s');
    expect(formatAge(999)).toBe('0s');
    expect(formatAge(12_400)).toBe('12s');
    expect(formatAge(125_000)).toBe('2m');
    expect(formatAge(3 * 3600_000 + 5)).toBe('3h');
    expect(formatAge(2 * 86400_000)).toBe('2d');
    expect(formatAge(-5000)).toBe('0s');
  });

  it('abbreviates token ids and formats venue times as local HH:MM:SS', () => {
    expect(abbreviateId('12935926064588426924078449947177910958215776269411501731627440228801766632772')).toBe('1293…2772');
    expect(abbreviateId('short')).toBe('short');
    expect(clockTime(String(Date.UTC(2026, 6, 19, 9, 5, 7, 250)))).toBe('09:05:07');
    expect(clockTime('')).toBe('--:--:--');
    expect(clockTime('nope')).toBe('--:--:--');
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('abc', 0)).toBe('');
  });
});
