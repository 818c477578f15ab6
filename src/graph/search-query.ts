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

/**
 * Words that say how a concern is asked about ("which tools help with ..."), not what it is.
 * Left in, they outweigh the one word that matters when that word has a typo ("securty").
 */
const QUESTION_WORDS = new Set(
  'a an and are best can do does for help helps how i in is me my of on that the to tool tools use used what which with'.split(' '),
);

/**
 * The full-text query for a concern: the text's words without the question words around them,
 * so "which tools help with securty" looks for "securty" alone. All of the text when nothing
 * else is left ("tools").
 */
export function concernQuery(text: string): string | null {
  const words = searchWords(text);
  const meaningful = words.filter((word) => !QUESTION_WORDS.has(word));
  return luceneQuery((meaningful.length > 0 ? meaningful : words).join(' '));
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
