/**
 * What a text value from a facility export may hold (issue 18 finding 5). Whitespace a user would
 * not notice is normalised (trimmed, runs collapsed to one space, Unicode NFC); characters that
 * break or disguise what reaches Xero are refused with the reason: control characters (NUL, bell,
 * escape, C1 controls) and the bidirectional overrides that can make "exe.txt" read "txt.exe".
 */
// C0 controls except tab/LF/CR (whitespace, handled first), DEL, C1 controls: matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), and the marks U+200E, U+200F, U+061C.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// With the u flag a paired surrogate is one code point, so this finds only unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// All three at once: almost every value has none of them, and one test is cheaper than three.
// eslint-disable-next-line no-control-regex
const ANY_REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uD800-\uDFFF]/u;

// Printable ASCII words with one space between them: already NFC, trimmed and collapsed.
const PLAIN_LINE = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;

/** One line: trimmed, every run of whitespace (tabs and line breaks included) becomes one space. */
export function normaliseLine(value: string): string {
  // Most values are plain already: one test instead of three passes over them (an import reads millions).
  if (PLAIN_LINE.test(value)) return value;
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Several lines (descriptions): line breaks kept as \n, other whitespace runs become one space. */
export function normaliseLines(value: string): string {
  // One plain line (most descriptions) has nothing to normalise, as for normaliseLine.
  if (PLAIN_LINE.test(value)) return value;
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/gu, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/** Why a (normalised) value cannot be imported, or null. */
export function textProblem(column: string, value: string): string | null {
  if (!ANY_REFUSED.test(value)) return null;
  if (LONE_SURROGATE.test(value)) return `${column} holds a broken character (an unpaired UTF-16 surrogate); export the file again as CSV UTF-8`;
  const control = CONTROL.exec(value);
  if (control) return `${column} holds an invisible control character (${codePoint(control[0])}); remove it`;
  const bidi = BIDI.exec(value);
  if (bidi) return `${column} holds a hidden text-direction character (${codePoint(bidi[0])}) that can disguise what it says; remove it`;
  return null;
}

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
