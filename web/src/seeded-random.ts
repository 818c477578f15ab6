/**
 * Runs `work` with Math.random replaced by a generator seeded from `seed`, then puts it back.
 * fcose starts each layout from random positions and samples at random, and offers no seed of
 * its own; seeding it makes the same graph come out the same way on every visit, so a shared
 * link shows what its sender saw. `work` must be synchronous (the layout runs with animate off).
 */
export function withSeededRandom<T>(seed: string, work: () => T): T {
  const original = Math.random;
  Math.random = mulberry32(hash(seed));
  try {
    return work();
  } finally {
    Math.random = original;
  }
}

/** A small, well-distributed 32-bit generator (Tommy Ettinger's Mulberry32). */
function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the string's UTF-16 code units. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
