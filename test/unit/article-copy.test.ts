import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { loadSeedData } from '../../src/seed/files.js';

/**
 * The seed must describe the article in its own words. Any summary or evidence that shares a
 * run of 8 consecutive words with the article counts as copied and is listed by name.
 */

const ARTICLE = join(projectRoot(), '..', 'shared', 'source', '000_ae467e38850de558.txt');
const SHINGLE = 8;

/** Lowercase words of letters, digits and apostrophes; curly apostrophes count as straight ones. */
function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[\p{L}\p{N}']+/gu) ?? []
  )
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}

function shingles(text: string): Set<string> {
  const list = words(text);
  const result = new Set<string>();
  for (let i = 0; i + SHINGLE <= list.length; i++) result.add(list.slice(i, i + SHINGLE).join(' '));
  return result;
}

/** The first 8-word run of `text` that also appears in the article, or null. */
function copiedRun(text: string, article: Set<string>): string | null {
  for (const shingle of shingles(text)) if (article.has(shingle)) return shingle;
  return null;
}

/** One line per copied text, naming where it comes from and the shared run. */
function copiedTexts(texts: { where: string; text: string }[], article: Set<string>): string[] {
  return texts.flatMap(({ where, text }) => {
    const run = copiedRun(text, article);
    return run ? [`${where}: "${run}"`] : [];
  });
}

describe.skipIf(!existsSync(ARTICLE))('seed text is not copied from the article', () => {
  const articleText = existsSync(ARTICLE) ? readFileSync(ARTICLE, 'utf8') : '';
  const article = shingles(articleText);

  it('detects a sentence taken from the article, whatever its case, punctuation or apostrophes', () => {
    // Guards the detector itself, so the real check below can fail.
    expect(articleText).toContain('Without them, websites wouldn’t be able to function properly.');
    expect(article.size).toBeGreaterThan(1000);
    expect(copiedRun("WITHOUT THEM -- websites wouldn't be able to function, properly!", article)).toBe(
      "without them websites wouldn't be able to function",
    );
    expect(copiedRun('Without them, websites would not be able to function properly.', article)).toBeNull();
    // Seven shared words are not enough to count as copying.
    expect(copiedRun('websites wouldn’t be able to function properly today', article)).toBeNull();
    // The report names the copied entry and leaves original text out.
    const report = copiedTexts(
      [
        { where: 'summary of copycat', text: 'Backend developers may not have the most visible job, really.' },
        { where: 'summary of original', text: 'Server-side engineers keep the hidden machinery of an app running.' },
      ],
      article,
    );
    expect(report).toEqual(['summary of copycat: "backend developers may not have the most visible"']);
  });

  it('has no summary or evidence sharing 8 consecutive words with the article', () => {
    const seed = loadSeedData();
    const texts = [
      ...seed.entities.map((e) => ({ where: `summary of ${e.key}`, text: e.summary })),
      ...seed.relations.map((r) => ({ where: `evidence of ${r.from} -${r.type}-> ${r.to}`, text: r.evidence })),
    ];
    expect(texts.length).toBeGreaterThan(0);
    const copied = copiedTexts(texts, article);
    expect(copied, `copied from the article:\n${copied.join('\n')}`).toEqual([]);
  });
});
