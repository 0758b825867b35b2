import { expect, test } from 'vitest';
import { excludeInXeroNote } from '../../contract/exclude-words';

test('excluding records in Xero says they stay there and how to remove them, in whole sentences for one, some or all', () => {
  expect(excludeInXeroNote(0, 3)).toBe('');
  expect(excludeInXeroNote(1, 1)).toMatch(/^It is already in Xero\. It stays in Xero as it is: Facility Sync only stops keeping it in step, .* To remove it from Xero, void or delete it in Xero itself/);
  expect(excludeInXeroNote(3, 3)).toMatch(/^All 3 are already in Xero\. They stay in Xero as they are: Facility Sync only stops keeping them in step, .* To remove one from Xero/);
  expect(excludeInXeroNote(1, 4)).toMatch(/^1 of them is already in Xero\. It stays in Xero as it is: /);
  expect(excludeInXeroNote(2, 1500)).toMatch(/^2 of them are already in Xero\. They stay in Xero as they are: /);
});
