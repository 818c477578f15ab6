/**
 * Turns free text into a Lucene query for the full-text index: every word matches exactly
 * (boosted), by prefix, or within a small edit distance, so "pyton" finds Python and "postgre"
 * finds PostgreSQL. Lucene syntax in the input is neutralised: only letters, digits and
 * in-word dots/hyphens survive, so user text never becomes query operators.
 */
export function luceneQuery(text: string): string | null {
  const words = searchWords(text).slice(0, 12);
  if (words.length === 0) return null;
  return words.map(wordClause).join(' ');
}

function wordClause(word: string): string {
  const fuzzy = word.length >= 4 ? ` ${word}~${word.length >= 7 ? 2 : 1}` : '';
  return `(${word}^3 ${word}*^2${fuzzy})`;
}

/** Lowercase words of letters and digits: the unit both Lucene queries and name matching work on. */
function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * A name, alias or phrase as space-separated lowercase words ("Node.js" -> "node js"). The seed
 * stores each entity's normalised name and aliases as `terms`, so a phrase matches a name when
 * one contains the other word for word, whatever the punctuation.
 */
export function normalizeTerm(text: string): string {
  return searchWords(text).join(' ');
}
