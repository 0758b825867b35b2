import { describe, expect, test } from 'vitest';
import { API_METHODS } from '../contract';
import { composeApi } from '../main/compose-api';

/** One stand-in implementation per contract method, grouped into two areas. */
function areas(): Record<string, Record<string, () => Promise<unknown>>> {
  const names = Object.keys(API_METHODS);
  const half = Math.ceil(names.length / 2);
  const impl = (list: string[]) => Object.fromEntries(list.map((n) => [n, async () => n]));
  return { first: impl(names.slice(0, half)), second: impl(names.slice(half)) };
}

describe('composing the areas into the one Api', () => {
  test('every contract method, each from one area', async () => {
    const api = composeApi(areas());
    expect(Object.keys(api).sort()).toEqual(Object.keys(API_METHODS).sort());
    expect(await api.getSyncStatus()).toBe('getSyncStatus');
  });

  test('a method implemented by two areas stops start-up, naming both', () => {
    const a = areas();
    a.third = { getSyncStatus: async () => 'again' };
    expect(() => composeApi(a)).toThrow('The contract method "getSyncStatus" is implemented twice, by second and by third');
  });

  test('a missing method, or one the contract does not list, stops start-up', () => {
    const a = areas();
    delete a.second!.getSyncStatus;
    expect(() => composeApi(a)).toThrow('No area implements the contract method(s) getSyncStatus.');
    expect(() => composeApi({ ...areas(), extra: { frobnicate: async () => 1 } })).toThrow('frobnicate is not a contract method (implemented by extra)');
  });
});
