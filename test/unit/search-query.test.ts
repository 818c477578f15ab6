import { describe, expect, it } from 'vitest';
import { concernQuery, luceneQuery, normalizeTerm } from '../../src/graph/search-query.js';

describe('luceneQuery', () => {
  it('matches each word exactly, by prefix, and fuzzily when long enough', () => {
    expect(luceneQuery('Pyton')).toBe('(pyton^3 pyton*^2 pyton~1)');
    expect(luceneQuery('api')).toBe('(api^3 api*^2)');
    expect(luceneQuery('postgresql')).toBe('(postgresql^3 postgresql*^2 postgresql~2)');
  });

  it('splits on punctuation and lowercases', () => {
    expect(luceneQuery('Node.JS')).toBe('(node^3 node*^2 node~1) (js^3 js*^2)');
  });

  it('leaves no Lucene operators from the input', () => {
    const query = luceneQuery('name:x OR 1=1) AND "a" -b +c ~d \\e *f? [g TO h] {i} ^j!') ?? '';
    const userParts = query.replace(/\^\d|~\d|\*\^\d/g, '');
    expect(userParts).not.toMatch(/[:"+\-\\?[\]{}!]/);
    expect(query).not.toMatch(/\b(OR|AND|TO)\b/);
  });

  it('returns null when nothing searchable is left', () => {
    expect(luceneQuery('  !!! ... ')).toBeNull();
  });
});

describe('normalizeTerm', () => {
  it('keeps words of letters and digits, lowercased, one space apart', () => {
    expect(normalizeTerm('Node.js')).toBe('node js');
    expect(normalizeTerm('  Tools used for   SECURITY? ')).toBe('tools used for security');
    expect(normalizeTerm('C++')).toBe('c');
    expect(normalizeTerm('Ruby on Rails')).toBe('ruby on rails');
  });
});

describe('concernQuery (how toolsFor and concern look a concern up by full text)', () => {
  it('looks for what the question is about, not for the words around it', () => {
    expect(concernQuery('which tools help with securty?')).toBe(luceneQuery('securty'));
    expect(concernQuery('Tools used for SCALABILITY')).toBe(luceneQuery('scalability'));
    expect(concernQuery('what is best for data management')).toBe(luceneQuery('data management'));
  });

  it('keeps the whole text when nothing else is left, and nothing searchable stays nothing', () => {
    expect(concernQuery('tools')).toBe(luceneQuery('tools'));
    expect(concernQuery('?!')).toBeNull();
  });
});
