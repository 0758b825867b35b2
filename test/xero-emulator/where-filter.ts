/**
 * The subset of Xero's `where` language our app and tests use: Field.Path == "x", != < <= > >=,
 * AND/OR/&&/||, NOT, parentheses, guid("..."), DateTime(y,m,d), true/false/null and
 * .Contains/.StartsWith/.EndsWith("x"). Evaluated against the ISO-dated wire shape of a record.
 */
import { XeroHttpError } from './types';

type Tok = { t: 'id' | 'str' | 'num' | 'op' | '(' | ')' | ','; v: string };
type Val = string | number | boolean | null | undefined;
type Node = (rec: unknown) => Val;

function parseError(where: string, why: string): XeroHttpError {
  return new XeroHttpError(400, { ErrorNumber: 16, Type: 'QueryParseException', Message: `${why} in where clause: ${where}` });
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) i++;
    else if (c === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        v += src[i];
        i++;
      }
      if (i >= src.length) throw parseError(src, 'Unterminated string');
      i++;
      out.push({ t: 'str', v });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      out.push({ t: 'num', v: m?.[0] ?? c });
      i += m?.[0].length ?? 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
      out.push({ t: 'id', v: m?.[0] ?? c });
      i += m?.[0].length ?? 1;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, v: c });
      i++;
    } else {
      const m = /^(==|!=|>=|<=|&&|\|\||>|<|!)/.exec(src.slice(i));
      if (!m) throw parseError(src, `Unexpected character '${c}'`);
      out.push({ t: 'op', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

function resolve(rec: unknown, path: string): Val {
  let cur: unknown = rec;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur as Val;
}

function compare(op: string, a: Val, b: Val): boolean {
  const norm = (x: Val) => (typeof x === 'string' && /^[0-9a-f-]{36}$/i.test(x) ? x.toLowerCase() : x);
  const x = norm(a);
  const y = norm(b);
  if (op === '==') return (x ?? null) === (y ?? null);
  if (op === '!=') return (x ?? null) !== (y ?? null);
  if (x === null || x === undefined || y === null || y === undefined) return false;
  if (op === '>') return x > y;
  if (op === '<') return x < y;
  if (op === '>=') return x >= y;
  return x <= y;
}

export function compileWhere(src: string): (rec: unknown) => boolean {
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const next = () => {
    const t = toks[pos++];
    if (!t) throw parseError(src, 'Unexpected end');
    return t;
  };
  const expect = (t: Tok['t']) => {
    const got = next();
    if (got.t !== t) throw parseError(src, `Expected '${t}' but found '${got.v}'`);
    return got;
  };
  const isWord = (t: Tok | undefined, ...w: string[]) => t?.t === 'id' && w.includes(t.v.toUpperCase());

  function operand(): Node {
    const t = next();
    if (t.t === 'str') return () => t.v;
    if (t.t === 'num') return () => Number(t.v);
    if (t.t === '(') {
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (t.t !== 'id') throw parseError(src, `Unexpected '${t.v}'`);
    const word = t.v.toLowerCase();
    if (word === 'true' || word === 'false') return () => word === 'true';
    if (word === 'null') return () => null;
    if (peek()?.t !== '(') return (rec) => resolve(rec, t.v);
    next();
    const args: string[] = [];
    while (peek()?.t !== ')') {
      const a = next();
      if (a.t === ',') continue;
      if (a.t !== 'str' && a.t !== 'num') throw parseError(src, `Unexpected '${a.v}'`);
      args.push(a.v);
    }
    expect(')');
    if (word === 'guid') return () => (args[0] ?? '').toLowerCase();
    if (word === 'datetime') {
      const [y, m = '1', d = '1'] = args.map(String);
      return () => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    }
    const dot = t.v.lastIndexOf('.');
    const path = t.v.slice(0, dot);
    const method = t.v.slice(dot + 1).toLowerCase();
    const arg = args[0] ?? '';
    const str = (rec: unknown) => String(resolve(rec, path) ?? '');
    if (method === 'contains') return (rec) => str(rec).includes(arg);
    if (method === 'startswith') return (rec) => str(rec).startsWith(arg);
    if (method === 'endswith') return (rec) => str(rec).endsWith(arg);
    throw parseError(src, `Unsupported function '${t.v}'`);
  }

  function comparison(): Node {
    if ((peek()?.t === 'op' && peek()?.v === '!') || isWord(peek(), 'NOT')) {
      next();
      const inner = comparison();
      return (rec) => !inner(rec);
    }
    const left = operand();
    const op = peek();
    if (op?.t === 'op' && ['==', '!=', '>', '<', '>=', '<='].includes(op.v)) {
      next();
      const right = operand();
      return (rec) => compare(op.v, left(rec), right(rec));
    }
    return left;
  }

  /** A left-associative chain of `operand (symbol|WORD) operand ...`: AND binds tighter than OR. */
  function chain(term: () => Node, symbol: string, word: string, join: (a: boolean, b: boolean) => boolean): Node {
    let left = term();
    while ((peek()?.t === 'op' && peek()?.v === symbol) || isWord(peek(), word)) {
      next();
      const l = left;
      const r = term();
      left = (rec) => join(Boolean(l(rec)), Boolean(r(rec)));
    }
    return left;
  }
  const andExpr = (): Node => chain(comparison, '&&', 'AND', (a, b) => a && b);
  const orExpr = (): Node => chain(andExpr, '||', 'OR', (a, b) => a || b);

  const root = orExpr();
  if (pos !== toks.length) throw parseError(src, `Unexpected '${toks[pos]?.v}'`);
  return (rec) => Boolean(root(rec));
}
