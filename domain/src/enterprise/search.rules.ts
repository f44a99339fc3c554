/**
 * Keyword search over Chinese names without a word segmenter: every 1- and 2-character gram of the name,
 * former names and credit code goes into an indexed array; a keyword matches a firm whose array holds all
 * of the keyword's grams (then the text is checked). Works alike on PGlite and PostgreSQL in any locale,
 * where pg_trgm would skip CJK characters under the C locale.
 */
export function searchGrams(texts: (string | null | undefined)[]): string[] {
  const grams = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    const chars = [...t.toUpperCase().replace(/\s+/g, '')];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]!);
      if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...grams];
}

/** The grams a keyword must all find: its bigrams, or the character itself when it is one character long. */
export function keywordGrams(keyword: string): string[] {
  const chars = [...keyword.toUpperCase().replace(/\s+/g, '')];
  if (chars.length === 0) return [];
  if (chars.length === 1) return [chars[0]!];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}
