import { expect, test } from 'vitest';
import { remembered } from '../../main/facility/remembered';

/** A lookup over a fixed table that counts the values it was asked (single and in blocks). */
function countingLookup(table: ReadonlyMap<string, number>) {
  const asked: string[] = [];
  const blocks: string[][] = [];
  const one = (v: string) => {
    asked.push(v);
    return table.get(v);
  };
  const many = (values: readonly string[]) => {
    blocks.push([...values]);
    return new Map(values.flatMap((v) => (table.has(v) ? [[v, table.get(v)!] as const] : [])));
  };
  return { one, many, asked, blocks };
}

const table = new Map(Array.from({ length: 30 }, (_, i) => [`K${i}`, i] as const));

test('each value is asked once while it is remembered, an unknown one too; past the limit it starts again', () => {
  const lookup = countingLookup(table);
  const find = remembered(lookup.one, 3);
  expect(['K1', 'K1', 'X', 'X', 'K2'].map(find)).toEqual([1, 1, undefined, undefined, 2]);
  expect(lookup.asked).toEqual(['K1', 'X', 'K2']);
  // A fourth value clears the three remembered ones.
  expect([find('K3'), find('K1')]).toEqual([3, 1]);
  expect(lookup.asked).toEqual(['K1', 'X', 'K2', 'K3', 'K1']);
});

test('a block learnt at once is answered from memory, even past the limit, with what the block query did not find unknown', () => {
  const lookup = countingLookup(table);
  const find = remembered(lookup.one, 5);
  const block = ['K1', 'K2', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7', 'X', 'K1'];
  find('K1');
  find.learn(block, lookup.many);
  // More values than the limit: everything is asked again in the one query, and kept for the block.
  expect(lookup.blocks).toEqual([block]);
  expect(block.map(find)).toEqual([1, 2, 2, 3, 4, 5, 6, 7, undefined, 1]);
  expect(lookup.asked).toEqual(['K1']);
  // Within the limit only what is not remembered yet is asked.
  const small = remembered(lookup.one, 50);
  small('K8');
  small.learn(['K8', 'K9', 'Y'], lookup.many);
  expect(lookup.blocks[1]).toEqual(['K9', 'Y']);
  expect(['K8', 'K9', 'Y'].map(small)).toEqual([8, 9, undefined]);
  expect(lookup.asked).toEqual(['K1', 'K8']);
  small.learn(['K8', 'K9'], lookup.many);
  expect(lookup.blocks).toHaveLength(2);
});
