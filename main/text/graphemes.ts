/**
 * Cutting text by UTF-16 code units (String#slice) can split an emoji or an accented letter in two
 * and leave a lone surrogate, which Xero and JSON consumers reject or mangle. Cut between
 * grapheme clusters instead (Intl.Segmenter: what a reader sees as one character).
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix of whole graphemes that fits in `maxUnits` UTF-16 code units (Xero counts those). */
export function truncateGraphemes(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let end = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (end + segment.length > maxUnits) break;
    end += segment.length;
  }
  return text.slice(0, end);
}
