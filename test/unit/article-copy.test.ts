import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { loadSeedData } from '../../src/seed/files.js';
import { FINGERPRINT_FILE, fingerprint, readFingerprint, windowHash, windows } from '../fixtures/make-article-fingerprint.js';

/**
 * The seed must describe the article in its own words. Any summary or evidence that shares a
 * run of 7 consecutive words with the article counts as copied and is listed by name.
 *
 * The article lives outside the repository, so the check reads a committed fingerprint of its
 * 7-word windows (hashes only). After the article changes, regenerate it from the repo root:
 *
 *   npx tsx test/fixtures/make-article-fingerprint.ts ../shared/source/000_ae467e38850de558.txt
 */

const ARTICLE = join(projectRoot(), '..', 'shared', 'source', '000_ae467e38850de558.txt');

/** The first 7-word run of `text` whose hash is in the article's fingerprint, or null. */
function copiedRun(text: string, article: Set<string>): string | null {
  return windows(text).find((window) => article.has(windowHash(window))) ?? null;
}

/** One line per copied text, naming where it comes from and the shared run. */
function copiedTexts(texts: { where: string; text: string }[], article: Set<string>): string[] {
  return texts.flatMap(({ where, text }) => {
    const run = copiedRun(text, article);
    return run ? [`${where}: "${run}"`] : [];
  });
}

describe('seed text is not copied from the article', () => {
  const article = readFingerprint();

  it('detects a run taken from the article, whatever its case, punctuation or apostrophes', () => {
    // Guards the detector and the committed fingerprint, so the real check below can fail.
    // The article reads: "Without them, websites wouldn’t be able to function properly."
    expect(article.size).toBeGreaterThan(1000);
    expect(copiedRun("Sadly WEBSITES -- wouldn't be able to function, properly!", article)).toBe(
      "websites wouldn't be able to function properly",
    );
    expect(copiedRun('websites wouldn’t be able to function properly', article)).toBe("websites wouldn't be able to function properly");
    // Six shared words are not enough to count as copying.
    expect(copiedRun('Sadly websites wouldn’t be able to function today', article)).toBeNull();
    expect(copiedRun('Websites would not be able to function properly.', article)).toBeNull();
    // The report names the copied entry and leaves original text out.
    const report = copiedTexts(
      [
        { where: 'summary of copycat', text: 'Backend developers may not have the most visible job, really.' },
        { where: 'summary of original', text: 'Server-side engineers keep the hidden machinery of an app running.' },
      ],
      article,
    );
    expect(report).toEqual(['summary of copycat: "backend developers may not have the most"']);
  });

  it.skipIf(!existsSync(ARTICLE))('has a fingerprint that is up to date with the article', () => {
    const fresh = fingerprint(readFileSync(ARTICLE, 'utf8'));
    expect(readFileSync(FINGERPRINT_FILE, 'utf8'), 'regenerate it with the command at the top of this file').toBe(`${fresh.join('\n')}\n`);
  });

  it('has no summary or evidence sharing 7 consecutive words with the article', () => {
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
