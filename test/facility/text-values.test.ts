/**
 * normaliseLine's fast path (printable ASCII words with single spaces, returned as they are) gives
 * what the full normalisation gives, for any text.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normaliseLine } from '../../main/facility/text-values';

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
