/**
 * normaliseLine's fast path (printable ASCII words with single spaces, returned as they are) gives
 * what the full normalisation gives, for any text.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normaliseLine, normaliseLines } from '../../main/facility/text-values';

const full = (v: string) => v.normalize('NFC').replace(/\s+/gu, ' ').trim();

describe('normaliseLine', () => {
  test('the same as NFC, whitespace runs collapsed and trimmed, for ASCII-heavy and any text', () => {
    const ascii = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '  ', '\t', '\n', '\r', '"', '~', '\u00a0', 'e\u0301', '\u0000') });
    fc.assert(fc.property(fc.oneof(ascii, fc.string({ unit: 'grapheme' }), fc.string()), (v) => {
      expect(normaliseLine(v)).toBe(full(v));
    }), { numRuns: 2000 });
  });

  test('plain values come back as they are; others are normalised', () => {
    expect(normaliseLine('Tenant 00000001, Storage Co')).toBe('Tenant 00000001, Storage Co');
    expect(normaliseLine(' Tenant  One ')).toBe('Tenant One');
    expect(normaliseLine('Cafe\u0301 One')).toBe('Café One');
  });
});

describe('normaliseLines', () => {
  const fullLines = (v: string) => v.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[^\S\n]+/gu, ' ').replace(/ ?\n ?/g, '\n').trim();

  test('its fast path gives the full normalisation: line breaks kept as \\n, other whitespace runs one space, trimmed', () => {
    const ascii = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ',', ' ', '  ', '\t', '\n', '\r', '\r\n', '"', '~', '\u00a0', 'e\u0301', '\u2028') });
    fc.assert(fc.property(fc.oneof(ascii, fc.string({ unit: 'grapheme' }), fc.string()), (v) => {
      expect(normaliseLines(v)).toBe(fullLines(v));
    }), { numRuns: 2000 });
    expect(normaliseLines('Rent A101, 2025-06')).toBe('Rent A101, 2025-06');
    expect(normaliseLines(' Rent \r\n  A101\t ')).toBe('Rent\nA101');
  });
});
