/**
 * Turns free text into a Lucene query for the full-text index: every word matches exactly
 * (boosted), by prefix, or within a small edit distance, so "pyton" finds Python and "postgre"
 * finds PostgreSQL. Lucene syntax in the input is neutralised: only letters, digits and
 * in-word dots/hyphens survive, so user text never becomes query operators.
 */
export function luceneQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map(wordClause).join(' ');
}

function wordClause(word: string): string {
  const fuzzy = word.length >= 4 ? ` ${word}~${word.length >= 7 ? 2 : 1}` : '';
  return `(${word}^3 ${word}*^2${fuzzy})`;
}
