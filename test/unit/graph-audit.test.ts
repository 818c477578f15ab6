import { describe, expect, it } from 'vitest';
import type { Seed, SeedEntity, SeedRelation } from '../../src/graph/seed-model.js';
import type { Basis, EntityKind, RelationType } from '../../src/graph/vocabulary.js';
import { auditSeed, formatAudit } from '../../src/seed/audit.js';
import { loadSeedData } from '../../src/seed/files.js';

/**
 * A six-entity graph whose degrees, INFERRED shares and alias collisions are worked out by
 * hand below, so any miscount fails; then the same audit run on the real seed.
 */

const entity = (key: string, name: string, kind: EntityKind, aliases: string[] = []): SeedEntity => ({
  key,
  name,
  kind,
  aliases,
  summary: `About ${name}.`,
  sections: ['Section'],
  yearsMin: null,
  yearsMax: null,
});
const relation = (from: string, type: RelationType, to: string, basis: Basis): SeedRelation => ({
  type,
  from,
  to,
  basis,
  scope: 'ENTITY',
  evidence: 'Because.',
  section: 'Section',
});

const seed: Seed = {
  source: { title: 'T', author: 'A', published: '2024-01-01' },
  entities: [
    entity('python', 'Python', 'LANGUAGE', ['Py']),
    entity('django', 'Django', 'FRAMEWORK', ['py']), // same alias as python, other case
    entity('flask', 'Flask', 'FRAMEWORK', [' PYTHON']), // another entity's name and key
    entity('security', 'Security', 'CONCEPT', ['security']), // its own name: harmless
    entity('api', 'API', 'CONCEPT'),
    entity('lonely', 'Lonely', 'CONCEPT'),
  ],
  relations: [
    relation('django', 'WRITTEN_IN', 'python', 'STATED'),
    relation('flask', 'WRITTEN_IN', 'python', 'INFERRED'),
    relation('django', 'SUPPORTS', 'security', 'STATED'),
    relation('flask', 'SUPPORTS', 'security', 'INFERRED'),
    relation('python', 'SUPPORTS', 'security', 'INFERRED'),
    relation('python', 'INTEGRATES_WITH', 'api', 'STATED'),
  ],
  salaries: [],
};

describe('graph audit', () => {
  const report = auditSeed(seed);

  it('counts degrees and finds isolated and single-link entities', () => {
    expect(report.degrees.map((d) => [d.key, d.in, d.out, d.total])).toEqual([
      ['python', 2, 2, 4],
      ['security', 3, 0, 3],
      ['django', 0, 2, 2],
      ['flask', 0, 2, 2],
      ['api', 1, 0, 1],
      ['lonely', 0, 0, 0],
    ]);
    expect(report.hubs.map((d) => d.key)).toEqual(['python', 'security', 'django', 'flask', 'api']);
    expect(report.isolated).toEqual(['lonely']);
    expect(report.singleLink).toEqual(['api']);
  });

  it('computes INFERRED shares and counts per type and kind', () => {
    const used = report.relationTypes.filter((t) => t.total > 0);
    expect(used).toEqual([
      { type: 'WRITTEN_IN', total: 2, inferred: 1, share: 0.5 },
      { type: 'SUPPORTS', total: 3, inferred: 2, share: 2 / 3 },
      { type: 'INTEGRATES_WITH', total: 1, inferred: 0, share: 0 },
    ]);
    expect(report.relationTypes.find((t) => t.type === 'MENTORS')).toEqual({ type: 'MENTORS', total: 0, inferred: 0, share: 0 });
    expect(report.inferredOverall).toEqual({ total: 6, inferred: 3, share: 0.5 });
    expect(report.entityKinds.filter((k) => k.count > 0)).toEqual([
      { kind: 'LANGUAGE', count: 1 },
      { kind: 'FRAMEWORK', count: 2 },
      { kind: 'CONCEPT', count: 3 },
    ]);
  });

  it('finds aliases shared case-insensitively or naming another entity', () => {
    expect(report.aliasCollisions).toEqual([
      {
        label: 'py',
        uses: [
          { entity: 'django', as: 'alias' },
          { entity: 'python', as: 'alias' },
        ],
      },
      {
        label: 'python',
        uses: [
          { entity: 'flask', as: 'alias' },
          { entity: 'python', as: 'key' },
          { entity: 'python', as: 'name' },
        ],
      },
    ]);
  });

  it('prints all of it as fixed-width text', () => {
    const text = formatAudit(report);
    expect(text).toContain('6 entities, 6 relationships, 3 INFERRED (50.0%)');
    expect(text).toMatch(/^python\s+LANGUAGE\s+2\s+2\s+4$/m);
    expect(text).toMatch(/^Isolated entities \(degree 0\): 1\n {2}lonely$/m);
    expect(text).toMatch(/^Single-link entities \(degree 1\): 1\n {2}api$/m);
    expect(text).toMatch(/^SUPPORTS\s+3\s+2\s+66\.7%$/m);
    expect(text).toMatch(/^\(all\)\s+6\s+3\s+50\.0%$/m);
    expect(text).toMatch(/^FRAMEWORK\s+2$/m);
    expect(text).toMatch(/^py\s+django \(alias\), python \(alias\)$/m);
    expect(text).toMatch(/^python\s+flask \(alias\), python \(key\), python \(name\)$/m);
  });

  // Two checks on the real seed, apart so that one failing still shows the other's result.
  it('finds every real entity linked at least twice', () => {
    const real = auditSeed(loadSeedData());
    expect(real.entityCount).toBeGreaterThan(0);
    const weak = real.degrees.filter((d) => d.total < 2).map((d) => `${d.key} (${d.total} link${d.total === 1 ? '' : 's'})`);
    expect(weak, `entities with fewer than 2 links:\n${weak.join('\n')}`).toEqual([]);
  });

  it('finds no real alias colliding', () => {
    const real = auditSeed(loadSeedData());
    const collisions = real.aliasCollisions.map((c) => `"${c.label}": ${c.uses.map((u) => `${u.entity} ${u.as}`).join(', ')}`);
    expect(collisions, `alias collisions:\n${collisions.join('\n')}`).toEqual([]);
  });
});
