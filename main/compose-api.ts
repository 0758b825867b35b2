/**
 * Joins the areas' services into the one Api. Each contract method belongs to exactly one area:
 * a name implemented twice (the later one would silently win in an object spread), a method no
 * area implements, or one the contract does not list stops the app at start-up, naming them.
 */
import { API_METHODS, type Api } from '../contract';

export function composeApi(areas: Record<string, object>): Api {
  const owner = new Map<string, string>();
  const api: Record<string, unknown> = {};
  for (const [area, methods] of Object.entries(areas)) {
    for (const [name, fn] of Object.entries(methods)) {
      const first = owner.get(name);
      if (first) throw new Error(`The contract method "${name}" is implemented twice, by ${first} and by ${area}: each method belongs to one area.`);
      owner.set(name, area);
      api[name] = fn;
    }
  }
  const missing = Object.keys(API_METHODS).filter((name) => !owner.has(name));
  const unknown = [...owner.keys()].filter((name) => !(name in API_METHODS));
  if (missing.length) throw new Error(`No area implements the contract method(s) ${missing.join(', ')}.`);
  if (unknown.length) throw new Error(`${unknown.join(', ')} is not a contract method (implemented by ${unknown.map((n) => owner.get(n)).join(', ')}).`);
  return api as unknown as Api;
}
