import { luceneQuery } from '../../src/graph/search-query.js';
import { RELATION_TYPES, TOOL_KINDS } from '../../src/graph/vocabulary.js';
import { graphqlTarget, type Target } from './measure.js';

/**
 * The questions of `npm run bench:peers`, each asked of every system in its own dialect, with a
 * normaliser per system that maps the answer to one canonical value (sorted where order is not
 * part of the question) so the answers can be checked equal before anything is timed.
 */

export type SystemId = 'ours' | 'ours-cached' | 'neo4j-graphql' | 'raw' | 'bare-yoga';

// biome-ignore lint/suspicious/noExplicitAny: answers are walked by hand-written normalisers, one per dialect.
type Data = Record<string, any>;

export interface Ask {
  system: SystemId;
  target: (base: string) => Target;
  /** The canonical answer from `data`. */
  canonical: (data: Data) => unknown;
  /** What the cell means when it is not the native feature (e.g. "via @cypher"). */
  note?: string;
}

export interface Question {
  id: string;
  title: string;
  ours: string;
  asks: Ask[];
  /** Peers that cannot answer, with the reason. */
  na?: Partial<Record<SystemId, string>>;
}

const gql = (system: SystemId, query: string, canonical: (data: Data) => unknown, note?: string): Ask => ({
  system,
  target: (base) => graphqlTarget(base, query),
  canonical,
  note,
});

const raw = (path: string, canonical: (data: Data) => unknown, note?: string): Ask => ({
  system: 'raw',
  target: (base) => ({ url: `${base}${path}`, method: 'GET' }),
  canonical,
  note,
});

const sorted = <T>(items: T[]) => [...items].sort();
const entityOf = (e: Data | null | undefined) =>
  e ? { key: e.key, name: e.name, kind: e.kind, summary: e.summary, aliases: sorted(e.aliases ?? []) } : null;

/** `IN SUPPORTS docker` -> its outgoing `OUT INSTANCE_OF containerization` ... */
const incomingOutgoing = (entity: Data | null, incoming: { type: string; node: Data; outs: { type: string; node: Data }[] }[]) =>
  entity && {
    key: entity.key,
    name: entity.name,
    incoming: incoming
      .map((edge) => ({
        edge: `${edge.type} ${edge.node.key} (${edge.node.name})`,
        outgoing: sorted(edge.outs.map((out) => `${out.type} ${out.node.key} (${out.node.name})`)),
      }))
      .sort((a, b) => a.edge.localeCompare(b.edge)),
  };

const oursIncoming = (data: Data) =>
  incomingOutgoing(
    data.entity,
    (data.entity?.relations.edges ?? []).map((edge: Data) => ({ type: edge.type, node: edge.node, outs: edge.node.relations.edges })),
  );

/** @neo4j/graphql: one field per relationship type and direction; flatten them back into typed edges. */
const typedEdges = (node: Data, prefix: 'in_' | 'out_') =>
  RELATION_TYPES.flatMap((type) => ((node[`${prefix}${type}`] ?? []) as Data[]).map((other) => ({ type, node: other })));

const neoIncoming = (data: Data) => {
  const entity = data.entities?.[0] ?? null;
  if (!entity) return null;
  return incomingOutgoing(
    entity,
    typedEdges(entity, 'in_').map(({ type, node }) => ({ type, node, outs: typedEdges(node, 'out_') })),
  );
};

const frameworks = (nodes: Data[]) =>
  nodes
    .map((f) => ({ key: f.key, name: f.name, language: f.language ? `${f.language.key} (${f.language.name})` : null }))
    .sort((a, b) => a.key.localeCompare(b.key));

const hits = (list: { score: number; entity: Data }[]) =>
  list
    .map((hit) => ({ key: hit.entity.key, kind: hit.entity.kind, score: Number(hit.score.toFixed(4)) }))
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));

/**
 * Tools, scores and path lengths. The steps of a tool's best path are not compared: when two
 * paths tie on score, which one comes first is not defined, in the service or in the peers.
 */
const tools = (list: Data[]) =>
  list
    .map((match) => ({ tool: match.tool.key, score: match.score, hops: match.path.length }))
    .sort((a, b) => b.score - a.score || a.tool.localeCompare(b.tool));

const pathOf = (path: Data | null) =>
  path && { length: path.length, steps: path.steps.map((s: Data) => `${s.from.key} ${s.type} ${s.to.key}`) };

/** Edge ends arrive as global ids (base64 of `Label:key`) or as `KIND:key`; keep the key. */
const endKey = (id: string, base64: boolean) => {
  const text = base64 ? Buffer.from(id, 'base64').toString('utf8') : id;
  return text.slice(text.indexOf(':') + 1);
};
const subgraph = (sub: Data | null, base64: boolean) =>
  sub && {
    nodes: sorted(sub.nodes.map((n: Data) => `${n.key} ${n.kind}`)),
    edges: sorted(sub.edges.map((e: Data) => `${endKey(e.from, base64)} ${e.type} ${endKey(e.to, base64)}`)),
  };

const page = (totalCount: number, hasNextPage: boolean, edges: Data[]) => ({
  totalCount,
  hasNextPage,
  edges: edges.map((e) => `${e.direction} ${e.type} ${e.node.key} ${e.node.kind} | ${e.basis} | ${e.section} | ${e.evidence}`),
});
const oursPage = (data: Data) => {
  const relations = data.entity?.relations;
  return relations ? page(relations.totalCount, relations.pageInfo.hasNextPage, relations.edges) : null;
};

const FIRST_REL = 20;
const SEARCH_TEXT = 'postgres';
const LUCENE = luceneQuery(SEARCH_TEXT) as string;
const TOOL_KINDS_LITERAL = JSON.stringify(TOOL_KINDS);
const CYPHER = 'via @cypher (the raw statement)';

const BASE_QUESTIONS: Question[] = [
  {
    id: 'typename',
    title: '{ __typename } (no database; third system: bare graphql-yoga, trivial schema)',
    ours: '{ __typename }',
    asks: [
      gql('ours', '{ __typename }', (d) => d.__typename),
      gql('neo4j-graphql', '{ __typename }', (d) => d.__typename),
      gql('bare-yoga', '{ __typename }', (d) => d.__typename),
    ],
  },
  {
    id: 'entity',
    title: 'entity by key (python)',
    ours: '{ entity(key: "python") { key name kind summary aliases } }',
    asks: [
      gql('ours', '{ entity(key: "python") { key name kind summary aliases } }', (d) => entityOf(d.entity)),
      gql('neo4j-graphql', '{ entities(where: { key: { eq: "python" } }) { key name kind summary aliases } }', (d) =>
        entityOf(d.entities[0]),
      ),
      raw('/entity?key=python', (d) => entityOf(d.entity)),
    ],
  },
  {
    id: 'incoming-outgoing',
    title: 'entity + incoming relations + their outgoing relations (security, first 50 each)',
    ours: '{ entity(key: "security") { key name relations(direction: IN, first: 50) { edges { type node { key name relations(direction: OUT, first: 50) { edges { type node { key name } } } } } } } }',
    asks: [
      gql(
        'ours',
        '{ entity(key: "security") { key name relations(direction: IN, first: 50) { edges { type node { key name relations(direction: OUT, first: 50) { edges { type node { key name } } } } } } } }',
        oursIncoming,
      ),
      gql(
        'neo4j-graphql',
        `{ entities(where: { key: { eq: "security" } }) { key name ${RELATION_TYPES.map(
          (type) => `in_${type}(limit: 50) { key name ${RELATION_TYPES.map((out) => `out_${out}(limit: 50) { key name }`).join(' ')} }`,
        ).join(' ')} } }`,
        neoIncoming,
        `native: ${RELATION_TYPES.length} in_* fields × ${RELATION_TYPES.length} out_* fields (limit 50 per type)`,
      ),
      raw('/incomingOutgoing?key=security', oursIncoming),
    ],
  },
  {
    id: 'frameworks',
    title: 'frameworks with their language',
    ours: '{ entities(kind: FRAMEWORK, first: 100) { nodes { key name ... on Framework { language { key name } } } } }',
    asks: [
      gql('ours', '{ entities(kind: FRAMEWORK, first: 100) { nodes { key name ... on Framework { language { key name } } } } }', (d) =>
        frameworks(d.entities.nodes),
      ),
      gql(
        'neo4j-graphql',
        '{ frameworks(sort: [{ key: ASC }], limit: 100) { key name language(sort: [{ name: ASC }], limit: 1) { key name } } }',
        (d) => frameworks(d.frameworks.map((f: Data) => ({ ...f, language: f.language[0] ?? null }))),
      ),
      raw('/frameworks', (d) => frameworks(d.entities.nodes)),
    ],
  },
  {
    id: 'search',
    title: `search "${SEARCH_TEXT}" (first 10)`,
    ours: `{ search(text: "${SEARCH_TEXT}", first: 10) { score entity { key name kind } } }`,
    asks: [
      gql('ours', `{ search(text: "${SEARCH_TEXT}", first: 10) { score entity { key name kind } } }`, (d) => hits(d.search)),
      gql(
        'neo4j-graphql',
        `{ searchEntities(phrase: ${JSON.stringify(LUCENE)}, first: 10, sort: [{ score: DESC }]) { edges { score node { key name kind } } } }`,
        (d) => hits(d.searchEntities.edges.map((e: Data) => ({ score: e.score, entity: e.node }))),
        'native @fulltext, given the same Lucene query the service builds',
      ),
      raw(`/search?first=10&query=${encodeURIComponent(LUCENE)}`, (d) => hits(d.search)),
    ],
  },
  {
    id: 'tools-for',
    title: 'toolsFor "security" (first 20)',
    ours: '{ toolsFor(concern: "security", first: 20) { score tool { key name kind } path { length steps { from { key } type to { key } } } } }',
    asks: [
      gql(
        'ours',
        '{ toolsFor(concern: "security", first: 20) { score tool { key name kind } path { length steps { from { key } type to { key } } } } }',
        (d) => tools(d.toolsFor),
      ),
      gql(
        'neo4j-graphql',
        `{ toolsFor(concern: "security", first: 20, toolKinds: ${TOOL_KINDS_LITERAL}) { score tool { key name kind } path { length steps { from { key } type to { key } } } } }`,
        (d) => tools(d.toolsFor),
        CYPHER,
      ),
      raw('/toolsFor?concern=security&first=20', (d) => tools(d.toolsFor)),
    ],
  },
  {
    id: 'path',
    title: 'path docker → junior',
    ours: '{ path(from: "docker", to: "junior") { length steps { from { key } type to { key } } } }',
    asks: [
      gql('ours', '{ path(from: "docker", to: "junior") { length steps { from { key } type to { key } } } }', (d) => pathOf(d.path)),
      gql(
        'neo4j-graphql',
        '{ path(from: "docker", to: "junior") { length steps { from { key } type to { key } } } }',
        (d) => pathOf(d.path),
        CYPHER,
      ),
      raw('/path?from=docker&to=junior', (d) => pathOf(d.path)),
    ],
  },
  {
    id: 'neighborhood',
    title: 'neighborhood of security (depth 2, limit 100)',
    ours: '{ neighborhood(key: "security", depth: 2, limit: 100) { nodes { key name kind } edges { from to type } } }',
    asks: [
      gql('ours', '{ neighborhood(key: "security", depth: 2, limit: 100) { nodes { key name kind } edges { from to type } } }', (d) =>
        subgraph(d.neighborhood, true),
      ),
      gql(
        'neo4j-graphql',
        '{ neighborhood(key: "security", limit: 100) { nodes { key name kind } edges { from to type } } }',
        (d) => subgraph(d.neighborhood, false),
        CYPHER,
      ),
      raw('/neighborhood?key=security&limit=100', (d) => subgraph(d.neighborhood, true)),
    ],
  },
  {
    id: 'relations-page',
    title: `relations page (first ${FIRST_REL} of security)`,
    ours: `{ entity(key: "security") { relations(first: ${FIRST_REL}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor type direction basis evidence section node { key name kind } } } } }`,
    asks: [
      gql(
        'ours',
        `{ entity(key: "security") { relations(first: ${FIRST_REL}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor type direction basis evidence section node { key name kind } } } } }`,
        oursPage,
      ),
      gql(
        'neo4j-graphql',
        `{ entities(where: { key: { eq: "security" } }) { relationCount relationsPage(first: ${FIRST_REL + 1}) { type direction basis evidence section node { key name kind } } } }`,
        (d) => {
          const entity = d.entities[0];
          return entity
            ? page(entity.relationCount, entity.relationsPage.length > FIRST_REL, entity.relationsPage.slice(0, FIRST_REL))
            : null;
        },
        '@cypher fields for the cross-type page and the count (no cursors)',
      ),
      raw(`/relationsPage?key=security&first=${FIRST_REL}`, oursPage),
    ],
  },
];

/**
 * The service is measured twice: as deployed (its response cache answers repeated identical
 * queries from memory) and with the cache off (RESPONSE_CACHE_BYTES=0), which is what the ratios
 * use: the peers have no cache, so only the uncached figures compare like with like.
 */
export const QUESTIONS: Question[] = BASE_QUESTIONS.map((question) => ({
  ...question,
  asks: question.asks.flatMap((ask) => (ask.system === 'ours' ? [ask, { ...ask, system: 'ours-cached' as const }] : [ask])),
}));

export const SYSTEM_LABELS: Record<SystemId, string> = {
  ours: 'ours (response cache off)',
  'ours-cached': 'ours (response cache on)',
  'neo4j-graphql': '@neo4j/graphql',
  raw: 'raw Cypher',
  'bare-yoga': 'bare graphql-yoga',
};
