import type { Seed } from '../graph/seed-model.js';
import { ENTITY_KINDS, type EntityKind, RELATION_TYPES, type RelationType } from '../graph/vocabulary.js';

/**
 * The shape of the seed graph, for curators: which entities carry the graph, which hang by a
 * thread, how much of it is inferred rather than stated, and which aliases would make search
 * or lookups ambiguous. Pure: works on the validated seed, no database needed.
 */

export interface EntityDegree {
  key: string;
  name: string;
  kind: EntityKind;
  in: number;
  out: number;
  total: number;
}

export interface Share {
  total: number;
  inferred: number;
  /** inferred / total, 0 when there is nothing to share. */
  share: number;
}

export interface AliasUse {
  entity: string;
  as: 'alias' | 'name' | 'key';
}

export interface AliasCollision {
  /** The label as compared: trimmed and lowercased. */
  label: string;
  uses: AliasUse[];
}

export interface AuditReport {
  entityCount: number;
  relationCount: number;
  /** Every entity, most-linked first (ties by key). */
  degrees: EntityDegree[];
  hubs: EntityDegree[];
  isolated: string[];
  singleLink: string[];
  /** Every relationship type of the vocabulary, so unused types show up with 0. */
  relationTypes: ({ type: RelationType } & Share)[];
  inferredOverall: Share;
  /** Every entity kind of the vocabulary, so empty kinds show up with 0. */
  entityKinds: { kind: EntityKind; count: number }[];
  aliasCollisions: AliasCollision[];
}

export const HUB_COUNT = 10;

const share = (total: number, inferred: number): Share => ({ total, inferred, share: total === 0 ? 0 : inferred / total });
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const label = (text: string) => text.trim().toLowerCase();

export function auditSeed(seed: Seed): AuditReport {
  const degree = new Map<string, EntityDegree>();
  for (const e of seed.entities) degree.set(e.key, { key: e.key, name: e.name, kind: e.kind, in: 0, out: 0, total: 0 });
  const perType = new Map<RelationType, { total: number; inferred: number }>(RELATION_TYPES.map((t) => [t, { total: 0, inferred: 0 }]));
  for (const r of seed.relations) {
    const from = degree.get(r.from);
    const to = degree.get(r.to);
    if (from) from.out++;
    if (to) to.in++;
    const counts = perType.get(r.type) ?? { total: 0, inferred: 0 };
    counts.total++;
    if (r.basis === 'INFERRED') counts.inferred++;
    perType.set(r.type, counts);
  }
  const degrees = [...degree.values()].map((d) => ({ ...d, total: d.in + d.out })).sort((a, b) => b.total - a.total || byKey(a.key, b.key));
  const keysWith = (total: number) =>
    degrees
      .filter((d) => d.total === total)
      .map((d) => d.key)
      .sort(byKey);
  const inferred = seed.relations.filter((r) => r.basis === 'INFERRED').length;
  return {
    entityCount: seed.entities.length,
    relationCount: seed.relations.length,
    degrees,
    hubs: degrees.filter((d) => d.total > 0).slice(0, HUB_COUNT),
    isolated: keysWith(0),
    singleLink: keysWith(1),
    relationTypes: [...perType].map(([type, c]) => ({ type, ...share(c.total, c.inferred) })),
    inferredOverall: share(seed.relations.length, inferred),
    entityKinds: ENTITY_KINDS.map((kind) => ({ kind, count: seed.entities.filter((e) => e.kind === kind).length })),
    aliasCollisions: aliasCollisions(seed),
  };
}

/**
 * A label collides when an alias is shared by two entities, or names or keys another entity:
 * a lookup by that label could then land on either. An entity repeating its own name as an
 * alias is harmless and not reported.
 */
function aliasCollisions(seed: Seed): AliasCollision[] {
  const uses = new Map<string, AliasUse[]>();
  const add = (text: string, use: AliasUse) => {
    const list = uses.get(label(text)) ?? [];
    if (!list.some((u) => u.entity === use.entity && u.as === use.as)) list.push(use);
    uses.set(label(text), list);
  };
  for (const e of seed.entities) {
    add(e.key, { entity: e.key, as: 'key' });
    add(e.name, { entity: e.key, as: 'name' });
    for (const alias of e.aliases) add(alias, { entity: e.key, as: 'alias' });
  }
  return [...uses]
    .filter(([, list]) => list.some((u) => u.as === 'alias') && new Set(list.map((u) => u.entity)).size > 1)
    .map(([text, list]) => ({ label: text, uses: list.sort((a, b) => byKey(a.entity, b.entity) || byKey(a.as, b.as)) }))
    .sort((a, b) => byKey(a.label, b.label));
}

/** Fixed-width table: columns of numbers or percentages right-aligned, text left-aligned. */
function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => /^[\d.]+%?$/.test(String(row[i]))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

const percent = (s: Share) => `${(s.share * 100).toFixed(1)}%`;
const list = (keys: string[]) => (keys.length === 0 ? '  (none)' : keys.map((k) => `  ${k}`).join('\n'));

export function formatAudit(report: AuditReport): string {
  const o = report.inferredOverall;
  return [
    `Graph audit: ${report.entityCount} entities, ${report.relationCount} relationships, ${o.inferred} INFERRED (${percent(o)}).`,
    `\nTop ${report.hubs.length} hubs by degree`,
    table(
      ['entity', 'kind', 'in', 'out', 'total'],
      report.hubs.map((d) => [d.key, d.kind, d.in, d.out, d.total]),
    ),
    `\nIsolated entities (degree 0): ${report.isolated.length}`,
    list(report.isolated),
    `\nSingle-link entities (degree 1): ${report.singleLink.length}`,
    list(report.singleLink),
    '\nRelationships per type',
    table(
      ['type', 'count', 'inferred', 'share'],
      [...report.relationTypes.map((t) => [t.type, t.total, t.inferred, percent(t)]), ['(all)', o.total, o.inferred, percent(o)]],
    ),
    '\nEntities per kind',
    table(
      ['kind', 'count'],
      report.entityKinds.map((k) => [k.kind, k.count]),
    ),
    `\nAlias collisions: ${report.aliasCollisions.length}`,
    report.aliasCollisions.length === 0
      ? '  (none)'
      : table(
          ['label', 'used by'],
          report.aliasCollisions.map((c) => [c.label, c.uses.map((u) => `${u.entity} (${u.as})`).join(', ')]),
        ),
    `\nDegree per entity`,
    table(
      ['entity', 'kind', 'in', 'out', 'total'],
      report.degrees.map((d) => [d.key, d.kind, d.in, d.out, d.total]),
    ),
  ].join('\n');
}
