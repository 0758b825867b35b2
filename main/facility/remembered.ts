/**
 * A function of a string that remembers its answers for the values a file repeats (an export's
 * timestamps fall on few days and times; its rows name the same units and invoices again and again),
 * up to `max` different values at once, then it starts again. `answer` must give the same answer for
 * the same value for as long as this lives (a lookup: one file's check, which writes nothing it reads).
 * `learn` takes the answers for a block of values from one call of `answerMany` (one query instead of
 * one per value); a value it leaves out is remembered with the answer undefined.
 */
export function remembered<T>(answer: (v: string) => T, max: number) {
  const known = new Map<string, T | undefined>();
  const ask = (v: string): T => {
    const hit = known.get(v);
    if (hit !== undefined || known.has(v)) return hit as T;
    if (known.size >= max) known.clear();
    const fresh = answer(v);
    known.set(v, fresh);
    return fresh;
  };
  return Object.assign(ask, {
    /** `values` may repeat one (it is asked once); room is made for all of them, even past `max`. */
    learn(values: readonly string[], answerMany: (asked: readonly string[]) => ReadonlyMap<string, T>): void {
      let asked = values.filter((v) => !known.has(v));
      if (asked.length === 0) return;
      // Room for the whole block: what it needs is asked again rather than forgotten half-way through it.
      if (known.size + asked.length > max) {
        known.clear();
        asked = [...values];
      }
      const found = answerMany(asked);
      for (const v of asked) known.set(v, found.get(v));
    },
  });
}
