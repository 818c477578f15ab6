import { initGraphQLTada, type ResultOf, type VariablesOf } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed documents checked against the committed schema.graphql (web/tsconfig.json points
 * gql.tada at it; `npm run typecheck` regenerates graphql-env.d.ts first), so a schema change
 * that breaks the explorer fails the typecheck.
 */
export const graphql = initGraphQLTada<{ introspection: introspection }>();
export type { ResultOf, VariablesOf };

export const SearchQuery = graphql(`
  query ExplorerSearch($text: String!, $kinds: [EntityKind!], $first: Int) {
    search(text: $text, kinds: $kinds, first: $first) {
      score
      entity { key name kind }
    }
  }
`);

/** One relationship as the entity panel lists it (unmasked: read directly, no readFragment). */
const RelationEdgeFragment = graphql(`
  fragment ExplorerRelationEdge on RelationEdge @_unmask {
    type
    direction
    basis
    scope
    evidence
    section
    node { key name kind }
  }
`);

/** The entity's relationships after the first page (entities with more than 100). */
export const RelationsPageQuery = graphql(
  `
  query ExplorerRelationsPage($key: String!, $after: String!) {
    entity(key: $key) {
      relations(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { ...ExplorerRelationEdge }
      }
    }
  }
`,
  [RelationEdgeFragment],
);

export const EntityQuery = graphql(
  `
  query ExplorerEntity($key: String!) {
    entity(key: $key) {
      key
      name
      kind
      summary
      aliases
      sources { section source { key title } }
      relations(first: 100) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { ...ExplorerRelationEdge }
      }
      ... on SeniorityLevel {
        yearsMin
        yearsMax
        salaries { region currency period min max typical }
      }
      ... on HiringModel {
        salaries { region currency period min max typical }
      }
    }
  }
`,
  [RelationEdgeFragment],
);

export const NeighborhoodQuery = graphql(`
  query ExplorerNeighborhood($key: String!, $depth: Int, $limit: Int) {
    neighborhood(key: $key, depth: $depth, limit: $limit) {
      nodes { id key name kind }
      edges { from to type }
    }
  }
`);

export const PathQuery = graphql(`
  query ExplorerPath($from: String!, $to: String!) {
    path(from: $from, to: $to) {
      length
      steps {
        type
        basis
        scope
        evidence
        section
        from { id key name kind }
        to { id key name kind }
      }
    }
  }
`);

export const ToolsForQuery = graphql(`
  query ExplorerToolsFor($concern: String!) {
    concern(text: $concern) { key name }
    toolsFor(concern: $concern, first: 20) {
      score
      concern { key name }
      tool { key name kind }
      path {
        length
        steps {
          type
          basis
          evidence
          section
          from { key name }
          to { key name }
        }
      }
    }
  }
`);

export const SalariesQuery = graphql(`
  query ExplorerSalaries {
    salaries {
      appliesTo { key name }
      region
      currency
      period
      min
      max
      typical
    }
  }
`);

export type EntityKind = ResultOf<typeof SearchQuery>['search'][number]['entity']['kind'];
export type EntityDetails = NonNullable<ResultOf<typeof EntityQuery>['entity']>;
export type Relation = EntityDetails['relations']['edges'][number];
export type Subgraph = ResultOf<typeof NeighborhoodQuery>['neighborhood'];
export type GraphNode = Subgraph['nodes'][number];
export type PathResult = NonNullable<ResultOf<typeof PathQuery>['path']>;
export type ToolMatch = ResultOf<typeof ToolsForQuery>['toolsFor'][number];
export type Salary = ResultOf<typeof SalariesQuery>['salaries'][number];
