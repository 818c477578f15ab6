import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_KINDS } from '../../src/graph/vocabulary.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * `search(text, kinds, first)` is forgiving of case, punctuation and typos; `toolsFor(concern)`
 * returns tools with the path that links each to the concern, direct links first.
 */

interface Ref {
  key: string;
  kind: string;
  name: string;
}

interface Hit {
  score: number;
  entity: Ref;
}

interface Step {
  from: Ref;
  to: Ref;
  type: string;
  basis: string;
  evidence: string;
  section: string;
}

interface ToolMatch {
  tool: Ref;
  path: { length: number; steps: Step[] };
}

const SEARCH = gql`
  query ($text: String!, $kinds: [EntityKind!], $first: Int) {
    search(text: $text, kinds: $kinds, first: $first) { score entity { key kind name } }
  }
`;

const TOOLS_FOR = gql`
  query ($concern: String!, $first: Int) {
    toolsFor(concern: $concern, first: $first) {
      tool { key kind name }
      path { length steps { from { key kind name } to { key kind name } type basis evidence section } }
    }
  }
`;

describe('search and toolsFor', () => {
  let api: SeededServer;

  const search = async (text: string, extra: { kinds?: string[]; first?: number } = {}) =>
    (await api.client.request<{ search: Hit[] }>(SEARCH, { text, ...extra })).search;

  const toolsFor = async (concern: string, first?: number) =>
    (await api.client.request<{ toolsFor: ToolMatch[] }>(TOOLS_FOR, { concern, first })).toolsFor;

  /** How many tools the graph holds: a `first` that can return them all without tripping the cost limit. */
  let allTools: number;

  beforeAll(async () => {
    api = await startSeededServer();
    const [row] = await api.graph.read<{ n: number }>('MATCH (t:Entity) WHERE t.kind IN $tools RETURN count(t) AS n', {
      tools: TOOL_KINDS,
    });
    allTools = row?.n ?? 0;
    expect(allTools).toBeGreaterThan(2);
  });

  afterAll(async () => {
    await api.stop();
  });

  describe('search', () => {
    it.each([
      ['postgres', 'postgresql', 'a prefix of the name'],
      ['nodejs', 'node-js', 'an alias'],
      ['pyton', 'python', 'a typo'],
      ['PYTHON!!', 'python', 'shouting with punctuation'],
      ['python', 'python', 'the exact name'],
    ])('"%s" finds %s first (%s)', async (text, key) => {
      const hits = await search(text);
      expect(hits[0]?.entity.key).toBe(key);
    });

    it('orders hits by score, highest first, with no entity twice', async () => {
      const hits = await search('security', { first: 100 });
      expect(hits.length).toBeGreaterThan(1);
      const scores = hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const keys = hits.map((hit) => hit.entity.key);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('respects first', async () => {
      const all = await search('security', { first: 100 });
      expect(all.length).toBeGreaterThan(3);
      expect(await search('security', { first: 3 })).toEqual(all.slice(0, 3));
      // The default is 10.
      expect((await search('security')).length).toBe(Math.min(10, all.length));
    });

    it('the kinds filter only returns those kinds, and keeps what the unfiltered search would rank', async () => {
      const all = await search('security', { first: 100 });
      for (const kinds of [['TASK'], ['CONCEPT', 'SKILL'], [...TOOL_KINDS]]) {
        const hits = await search('security', { kinds, first: 100 });
        for (const hit of hits) expect(kinds).toContain(hit.entity.kind);
        expect(hits.map((hit) => hit.entity.key)).toEqual(
          all.filter((hit) => kinds.includes(hit.entity.kind)).map((hit) => hit.entity.key),
        );
      }
      // Something of those kinds does match "security", so the filter is not vacuous.
      expect((await search('security', { kinds: ['TASK'] })).length).toBeGreaterThan(0);
    });

    it('an empty kinds list means every kind', async () => {
      expect(await search('python', { kinds: [] })).toEqual(await search('python'));
    });

    it('treats Lucene syntax as plain text', async () => {
      // Operators and wildcards in user text must not break the query or change its meaning.
      const hits = await search('python AND (django) OR title:* ~ "');
      expect(hits.map((hit) => hit.entity.key)).toContain('python');
    });

    it('gives [] for text that matches nothing', async () => {
      expect(await search('zzzzqqq')).toEqual([]);
    });
  });

  describe('toolsFor', () => {
    /** What `concern` resolves to: an exact key/name/alias, else the best search hit. */
    async function concernKey(concern: string): Promise<string> {
      const lower = concern.trim().toLowerCase();
      const [exact] = await api.graph.read<{ key: string }>(
        `MATCH (n:Entity) WHERE n.key = $text OR toLower(n.name) = $lower OR $lower IN n.aliases
         RETURN n.key AS key ORDER BY CASE WHEN n.kind = 'CONCEPT' THEN 0 ELSE 1 END, n.key LIMIT 1`,
        { text: concern.trim(), lower },
      );
      if (exact) return exact.key;
      const [best] = await search(concern, { first: 1 });
      if (!best) throw new Error(`nothing stands for "${concern}"`);
      return best.entity.key;
    }

    /** Tools with a relationship straight to `key`, from Cypher. */
    const directTools = async (key: string) =>
      (
        await api.graph.read<{ key: string }>(
          'MATCH (t:Entity)-[]-(:Entity {key: $key}) WHERE t.kind IN $tools RETURN DISTINCT t.key AS key ORDER BY key',
          { key, tools: TOOL_KINDS },
        )
      ).map((row) => row.key);

    /** Tools two hops away through a non-tool entity, from Cypher. */
    const indirectTools = async (key: string) =>
      (
        await api.graph.read<{ key: string }>(
          `MATCH (t:Entity)-[]-(m:Entity)-[]-(c:Entity {key: $key})
           WHERE t.kind IN $tools AND NOT m.kind IN $tools AND t <> c
           RETURN DISTINCT t.key AS key ORDER BY key`,
          { key, tools: TOOL_KINDS },
        )
      ).map((row) => row.key);

    /** The checks every toolsFor answer must pass, whatever the concern. */
    function checkMatches(matches: ToolMatch[], concern: string) {
      expect(matches.length).toBeGreaterThan(0);
      const keys = matches.map((match) => match.tool.key);
      expect(new Set(keys).size, 'each tool once').toBe(keys.length);
      const lengths = matches.map((match) => match.path.length);
      expect(lengths, 'direct links before indirect ones').toEqual([...lengths].sort((a, b) => a - b));
      for (const { tool, path } of matches) {
        expect(TOOL_KINDS).toContain(tool.kind);
        expect(path.length).toBe(path.steps.length);
        expect(path.length).toBeGreaterThan(0);
        const touches = (step: Step | undefined, key: string) => step !== undefined && (step.from.key === key || step.to.key === key);
        expect(touches(path.steps[0], tool.key), `${tool.key}: first step touches the tool`).toBe(true);
        expect(touches(path.steps.at(-1), concern), `${tool.key}: last step touches ${concern}`).toBe(true);
        // Consecutive steps share an entity, so the steps form one chain.
        for (let i = 1; i < path.steps.length; i++) {
          const [a, b] = [path.steps[i - 1] as Step, path.steps[i] as Step];
          expect([a.from.key, a.to.key].some((key) => key === b.from.key || key === b.to.key)).toBe(true);
        }
        for (const step of path.steps) {
          expect(step.evidence.trim()).not.toBe('');
          expect(step.section.trim()).not.toBe('');
          expect(['STATED', 'INFERRED']).toContain(step.basis);
        }
      }
    }

    it.each(['security', 'Security Measures', 'secure'])(
      'toolsFor("%s") returns tools, each once, with justified paths',
      async (concern) => {
        const key = await concernKey(concern);
        const matches = await toolsFor(concern, allTools);
        checkMatches(matches, key);
      },
    );

    it('the concern "security" is the Security concept; its direct tools come first, then tools two hops away', async () => {
      expect(await concernKey('security')).toBe('security');
      const matches = await toolsFor('security', allTools);
      const direct = await directTools('security');
      const indirect = (await indirectTools('security')).filter((key) => !direct.includes(key));
      expect(
        matches
          .filter((m) => m.path.length === 1)
          .map((m) => m.tool.key)
          .sort(),
      ).toEqual(direct);
      expect(
        matches
          .filter((m) => m.path.length === 2)
          .map((m) => m.tool.key)
          .sort(),
      ).toEqual(indirect);
      expect(matches.every((m) => m.path.length <= 2)).toBe(true);
    });

    it('"Security Measures" resolves by name, case-insensitively, to the task of that name', async () => {
      const [row] = await api.graph.read<{ key: string }>(
        "MATCH (n:Entity) WHERE toLower(n.name) = 'security measures' RETURN n.key AS key",
        {},
      );
      expect(row).toBeDefined();
      const matches = await toolsFor('Security Measures', allTools);
      const direct = await directTools(row?.key as string);
      expect(
        matches
          .filter((m) => m.path.length === 1)
          .map((m) => m.tool.key)
          .sort(),
      ).toEqual(direct);
    });

    it('respects first, keeping the best-ranked tools', async () => {
      const all = await toolsFor('security', allTools);
      expect(all.length).toBeGreaterThan(2);
      const two = await toolsFor('security', 2);
      expect(two.map((m) => m.tool.key)).toEqual(all.slice(0, 2).map((m) => m.tool.key));
    });

    it('returns [] for a concern nothing stands for', async () => {
      expect(await toolsFor('zzzzqqq-nothing')).toEqual([]);
    });
  });

  it('links tools to a concern only through concepts, tasks and responsibilities', async () => {
    const { toolsFor } = await api.client.request<{
      toolsFor: { path: { steps: { from: { kind: string }; to: { kind: string } }[] } }[];
    }>(gql`
      { toolsFor(concern: "long-term-development", first: 50) { path { steps { from { kind } to { kind } } } } }
    `);
    // Before the fix, hiring considerations and seniority levels served as bridges here.
    for (const match of toolsFor) {
      const kinds = match.path.steps.flatMap((step) => [step.from.kind, step.to.kind]);
      for (const kind of kinds)
        expect(['HIRING_CONSIDERATION', 'SENIORITY_LEVEL', 'SKILL', 'TRAIT', 'NEED_SIGNAL', 'HIRING_MODEL']).not.toContain(kind);
    }
  });
});
