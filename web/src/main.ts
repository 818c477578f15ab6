import './styles.css';
import { ApiError, request } from './api.js';
import { formatNumber, h } from './dom.js';
import { GraphView } from './graph-view.js';
import {
  type EntityDetails,
  type EntityKind,
  EntityQuery,
  NeighborhoodQuery,
  PathQuery,
  type PathResult,
  type Relation,
  RelationsPageQuery,
  SalariesQuery,
  type Salary,
  type Subgraph,
  ToolsForQuery,
} from './graphql.js';
import { KINDS, kindIcon, kindLabel, typeLabel } from './kinds.js';
import { rangeText, salaryChart } from './salary-chart.js';
import { searchBox } from './search-box.js';

/** What is open; the URL says the same (`?entity=python`, `?from=docker&to=scalability`, `?concern=security`). */
type State =
  | { view: 'home' }
  | { view: 'entity'; key: string; depth: number }
  | { view: 'path'; from?: string; to?: string }
  | { view: 'tools'; concern?: string }
  | { view: 'salaries' };

function readState(search = location.search): State {
  const params = new URLSearchParams(search);
  const entity = params.get('entity');
  if (entity) return { view: 'entity', key: entity, depth: clampDepth(Number(params.get('depth') ?? 1)) };
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  if (from || to || params.get('view') === 'path') return { view: 'path', from, to };
  const concern = params.get('concern') ?? undefined;
  if (concern || params.get('view') === 'tools') return { view: 'tools', concern };
  if (params.get('view') === 'salaries') return { view: 'salaries' };
  return { view: 'home' };
}

const clampDepth = (n: number) => (Number.isInteger(n) && n >= 1 && n <= 3 ? n : 1);

function href(state: State): string {
  const params = new URLSearchParams();
  if (state.view === 'entity') {
    params.set('entity', state.key);
    if (state.depth !== 1) params.set('depth', String(state.depth));
  } else if (state.view === 'path') {
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
    if (!state.from && !state.to) params.set('view', 'path');
  } else if (state.view === 'tools') {
    if (state.concern) params.set('concern', state.concern);
    else params.set('view', 'tools');
  } else if (state.view === 'salaries') params.set('view', 'salaries');
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

function navigate(state: State, replace = false): void {
  const url = href(state);
  if (url !== `${location.pathname}${location.search}`) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  void render();
}

/** A same-page link that navigates with pushState (still a real link: new tab, copy address). */
function link(state: State, ...children: (Node | string)[]): HTMLAnchorElement {
  return h(
    'a',
    {
      href: href(state),
      onclick: (event: Event) => {
        const mouse = event as MouseEvent;
        if (mouse.ctrlKey || mouse.metaKey || mouse.shiftKey || mouse.button !== 0) return;
        event.preventDefault();
        navigate(state);
      },
    },
    ...children,
  );
}

const entityLink = (node: { key: string; name: string }) => link({ view: 'entity', key: node.key, depth: 1 }, node.name);

// ---------------------------------------------------------------- layout

const banner = h('div', { class: 'banner', role: 'alert', hidden: true });
const view = h('main', { id: 'view', tabindex: '-1' });
const kindChoices = new Set<EntityKind>();
const mainSearch = searchBox({
  label: 'Search',
  placeholder: 'python, postgres, security…',
  kinds: () => [...kindChoices],
  onChoose: (hit) => navigate({ view: 'entity', key: hit.key, depth: 1 }),
  onError: showError,
});
const kindFilter = h(
  'details',
  { class: 'kind-filter' },
  h('summary', {}, 'Filter by kind'),
  h(
    'fieldset',
    {},
    h('legend', { class: 'visually-hidden' }, 'Kinds to search'),
    ...KINDS.map((kind) =>
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          value: kind,
          onchange: (event: Event) => {
            if ((event.target as HTMLInputElement).checked) kindChoices.add(kind);
            else kindChoices.delete(kind);
            mainSearch.input.dispatchEvent(new Event('input'));
          },
        }),
        kindIcon(kind),
        ` ${kindLabel(kind)}`,
      ),
    ),
  ),
);
const nav = h('nav', { 'aria-label': 'Explorer views' });

function renderNav(state: State): void {
  const items: [State, string][] = [
    [{ view: 'home' }, 'Start'],
    [{ view: 'path' }, 'Path finder'],
    [{ view: 'tools' }, 'Tools for a concern'],
    [{ view: 'salaries' }, 'Salaries'],
  ];
  nav.replaceChildren(
    h(
      'ul',
      {},
      ...items.map(([target, label]) => {
        const a = link(target, label);
        if (target.view === state.view) a.setAttribute('aria-current', 'page');
        return h('li', {}, a);
      }),
      h('li', {}, h('a', { href: '/graphql' }, 'GraphiQL')),
    ),
  );
}

document.body.replaceChildren(
  h('a', { href: '#view', class: 'skip' }, 'Skip to content'),
  h('header', {}, h('h1', {}, 'Backend knowledge graph explorer'), nav),
  banner,
  h('div', { class: 'layout' }, h('aside', { 'aria-label': 'Search the graph' }, mainSearch.element, kindFilter), view),
);

// ---------------------------------------------------------------- errors

let countdown: ReturnType<typeof setInterval> | undefined;

function showError(error: unknown, retry: () => void): void {
  clearInterval(countdown);
  const api = error instanceof ApiError ? error : new ApiError(String(error), 'server');
  const message = h('span', {}, api.message);
  const button = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        hideError();
        retry();
      },
    },
    'Retry',
  );
  banner.replaceChildren(message, ' ', button);
  banner.dataset.kind = api.kind;
  banner.hidden = false;
  if (api.kind === 'rate-limited' && api.retryAfter) {
    let left = api.retryAfter;
    button.disabled = true;
    const tick = () => {
      message.textContent = left > 0 ? `Too many requests: the service asks to wait ${left} s before trying again.` : 'You can retry now.';
      button.disabled = left > 0;
      if (left-- <= 0) clearInterval(countdown);
    };
    tick();
    countdown = setInterval(tick, 1000);
  }
}

function hideError(): void {
  clearInterval(countdown);
  banner.hidden = true;
  banner.replaceChildren();
}

// ---------------------------------------------------------------- views

let generation = 0;
let graph: GraphView | undefined;

async function render(): Promise<void> {
  const state = readState();
  const mine = ++generation;
  graph?.destroy();
  graph = undefined;
  renderNav(state);
  const stale = () => mine !== generation;
  try {
    if (state.view === 'entity') await renderEntity(state, stale);
    else if (state.view === 'path') await renderPath(state, stale);
    else if (state.view === 'tools') await renderTools(state, stale);
    else if (state.view === 'salaries') await renderSalaries(stale);
    else renderHome();
    if (!stale()) hideError();
  } catch (error) {
    if (!stale()) showError(error, () => void render());
  }
}

function setView(title: string, ...children: (Node | string | null)[]): void {
  document.title = `${title} – Backend knowledge graph explorer`;
  view.replaceChildren(...children.filter((c): c is Node | string => c !== null));
}

function loading(what: string): void {
  view.setAttribute('aria-busy', 'true');
  view.replaceChildren(h('p', { class: 'loading' }, `Loading ${what}…`));
}

function renderHome(): void {
  setView(
    'Start',
    h('h2', {}, 'Walk the knowledge graph of backend development'),
    h(
      'p',
      {},
      'Type in the search box (typos are forgiven) and press Enter to open an entity: its summary, article sections, relationships with their evidence, and its neighbourhood drawn as a graph.',
    ),
    h(
      'ul',
      {},
      h('li', {}, link({ view: 'entity', key: 'python', depth: 1 }, 'Python'), ' and what is built with it'),
      h('li', {}, 'How ', link({ view: 'path', from: 'docker', to: 'scalability' }, 'Docker leads to scalability')),
      h('li', {}, link({ view: 'tools', concern: 'security' }, 'Tools for security'), ', ranked by evidence'),
      h('li', {}, link({ view: 'salaries' }, 'Salaries'), ' by level and region, and freelance rates'),
    ),
  );
  view.removeAttribute('aria-busy');
}

const neighbourhood = async (key: string, depth: number) =>
  (await request(NeighborhoodQuery, { key, depth, limit: depth === 1 ? 60 : 100 })).neighborhood;

async function renderEntity(state: Extract<State, { view: 'entity' }>, stale: () => boolean): Promise<void> {
  loading(state.key);
  const [entityData, subgraph] = await Promise.all([request(EntityQuery, { key: state.key }), neighbourhood(state.key, state.depth)]);
  if (stale()) return;
  view.removeAttribute('aria-busy');
  const entity = entityData.entity;
  if (!entity) {
    setView('Not found', h('h2', {}, 'Nothing found'), h('p', {}, `No entity has the key “${state.key}”. Try the search box.`));
    return;
  }
  const depthSelect = h(
    'select',
    {
      id: 'depth',
      onchange: (event: Event) => navigate({ ...state, depth: Number((event.target as HTMLSelectElement).value) }, true),
    },
    ...[1, 2, 3].map((d) => h('option', { value: d, selected: d === state.depth }, `${d} hop${d > 1 ? 's' : ''}`)),
  );
  graph = new GraphView({
    label: `Neighbourhood of ${entity.name}`,
    focus: entity.key,
    onOpen: (key) => navigate({ view: 'entity', key, depth: state.depth }),
    onExpand: async (key) => {
      try {
        return toDrawable(await neighbourhood(key, 1));
      } catch (error) {
        showError(error, () => void graph?.expand(key));
        return { nodes: [], edges: [] };
      }
    },
  });
  setView(
    entity.name,
    h(
      'div',
      { class: 'entity-layout' },
      entityPanel(entity),
      h(
        'div',
        { class: 'graph-column' },
        h('h3', {}, 'Neighbourhood'),
        h('p', {}, h('label', { for: 'depth' }, 'Depth '), depthSelect),
        graph.element,
      ),
    ),
  );
  const drawable = toDrawable(subgraph);
  await graph.draw(drawable.nodes, drawable.edges);
  markRendered();
}

function toDrawable(subgraph: Subgraph) {
  return { nodes: subgraph.nodes, edges: subgraph.edges.map((e) => ({ from: e.from, to: e.to, type: e.type })) };
}

/** For the first-render budget: when the page first showed an entity with its graph drawn. */
function markRendered(): void {
  const timings = window as unknown as { explorerFirstRender?: number };
  timings.explorerFirstRender ??= performance.now();
  document.body.dataset.rendered = 'true';
}

function badge(basis: string): HTMLElement {
  return h(
    'span',
    { class: `badge badge-${basis.toLowerCase()}`, title: basis === 'STATED' ? 'The article says it' : 'A curated link' },
    basis,
  );
}

/**
 * The entity's relationships grouped by type and direction, a page of 100 at a time: past the
 * first page a button loads the next one and the groups are drawn again with everything so far.
 */
function relationsList(entity: EntityDetails): HTMLElement {
  const container = h('div', { class: 'relations' });
  const edges: Relation[] = [...entity.relations.edges];
  const draw = (pageInfo: { hasNextPage: boolean; endCursor?: string | null }) => {
    const more =
      pageInfo.hasNextPage && pageInfo.endCursor
        ? h(
            'button',
            {
              type: 'button',
              onclick: async (event: Event) => {
                (event.target as HTMLButtonElement).disabled = true;
                try {
                  const page = (await request(RelationsPageQuery, { key: entity.key, after: pageInfo.endCursor as string })).entity
                    ?.relations;
                  if (!page) return;
                  edges.push(...page.edges);
                  draw(page.pageInfo);
                } catch (error) {
                  (event.target as HTMLButtonElement).disabled = false;
                  showError(error, () => (event.target as HTMLButtonElement).click());
                }
              },
            },
            `Show more relationships (${formatNumber(edges.length)} of ${formatNumber(entity.relations.totalCount)} shown)`,
          )
        : null;
    container.replaceChildren(...relationGroups(entity, edges), ...(more ? [more] : []));
  };
  draw(entity.relations.pageInfo);
  return container;
}

function relationGroups(entity: EntityDetails, edges: Relation[]): HTMLElement[] {
  const groups = new Map<string, Relation[]>();
  for (const edge of edges) {
    const id = `${edge.type} ${edge.direction}`;
    groups.set(id, [...(groups.get(id) ?? []), edge]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as Relation;
    const heading = first.direction === 'IN' ? `… ${typeLabel(first.type)} ${entity.name}` : `${entity.name} ${typeLabel(first.type)} …`;
    return h('section', { class: 'relation-group' }, h('h4', {}, heading), h('ul', {}, ...group.map(relationItem)));
  });
}

function relationItem(edge: Relation): HTMLElement {
  return h(
    'li',
    {},
    kindIcon(edge.node.kind),
    ' ',
    entityLink(edge.node),
    h('span', { class: 'muted' }, ` ${kindLabel(edge.node.kind)} `),
    badge(edge.basis),
    h(
      'details',
      {},
      h('summary', {}, 'Evidence'),
      h('p', {}, edge.evidence),
      h(
        'p',
        { class: 'muted' },
        `Section: ${edge.section}. ${edge.scope === 'CATEGORY' ? 'Said of its category.' : 'Said of this entity.'}`,
      ),
    ),
  );
}

function entityPanel(entity: EntityDetails): HTMLElement {
  const years =
    'yearsMin' in entity && typeof entity.yearsMin === 'number'
      ? h(
          'p',
          {},
          h('strong', {}, 'Experience: '),
          entity.yearsMax == null ? `${entity.yearsMin}+ years` : `${entity.yearsMin}–${entity.yearsMax} years`,
        )
      : null;
  const salaries = 'salaries' in entity && entity.salaries && entity.salaries.length > 0 ? entity.salaries : [];
  return h(
    'article',
    { class: 'entity-panel' },
    h('h2', {}, entity.name),
    h('p', { class: 'kind' }, kindIcon(entity.kind), ` ${kindLabel(entity.kind)}`),
    h('p', {}, entity.summary),
    years,
    salaries.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, 'Pay'),
          h('ul', {}, ...salaries.map((s) => h('li', {}, `${s.region === 'US' ? 'US' : 'Canada'}: ${rangeText(s)}`))),
        )
      : null,
    entity.aliases.length > 0 ? h('p', {}, h('strong', {}, 'Also known as: '), entity.aliases.join(', ')) : null,
    entity.sources.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, 'Sources'),
          h('ul', {}, ...entity.sources.map((s) => h('li', {}, s.section ? `${s.source.title}: ${s.section}` : s.source.title))),
        )
      : null,
    h('h3', {}, `Relationships (${entity.relations.totalCount})`),
    relationsList(entity),
  );
}

async function renderPath(state: Extract<State, { view: 'path' }>, stale: () => boolean): Promise<void> {
  const from = searchBox({ label: 'From', value: state.from ?? '', onChoose: () => {}, onError: showError });
  const to = searchBox({ label: 'To', value: state.to ?? '', onChoose: () => {}, onError: showError });
  const form = h(
    'form',
    {
      class: 'path-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          const [a, b] = await Promise.all([from.resolve(), to.resolve()]);
          if (!a || !b) {
            result.replaceChildren(h('p', { role: 'status' }, `Nothing found for “${(!a ? from : to).input.value}”.`));
            return;
          }
          navigate({ view: 'path', from: a.key, to: b.key });
        } catch (error) {
          showError(error, () => form.requestSubmit());
        }
      },
    },
    from.element,
    to.element,
    h('button', { type: 'submit' }, 'Find path'),
  );
  const result = h('div', { class: 'path-result' });
  setView(
    'Path finder',
    h('h2', {}, 'Path finder'),
    h('p', {}, 'The shortest chain of relationships between two entities, with the evidence for every step.'),
    form,
    result,
  );
  view.removeAttribute('aria-busy');
  if (!state.from || !state.to) return;
  result.replaceChildren(h('p', { class: 'loading' }, 'Finding the path…'));
  const { path } = await request(PathQuery, { from: state.from, to: state.to });
  if (stale()) return;
  if (!path) {
    result.replaceChildren(h('p', { role: 'status' }, `No path within 4 steps from “${state.from}” to “${state.to}”.`));
    return;
  }
  const first = path.steps[0];
  const last = path.steps[path.steps.length - 1];
  if (first) from.setChosen(first.from.key === state.from ? first.from : first.to);
  if (last) to.setChosen(last.to.key === state.to ? last.to : last.from);
  graph = new GraphView({
    label: `Path from ${from.input.value} to ${to.input.value}`,
    onOpen: (key) => navigate({ view: 'entity', key, depth: 1 }),
    highlight: true,
  });
  result.replaceChildren(h('h3', {}, `${path.length} step${path.length === 1 ? '' : 's'}`), stepsList(path.steps), graph.element);
  const nodes = new Map(path.steps.flatMap((s) => [s.from, s.to]).map((n) => [n.id, n]));
  await graph.draw(
    [...nodes.values()],
    path.steps.map((s) => ({ from: s.from.id, to: s.to.id, type: s.type })),
  );
}

type Step = Pick<PathResult['steps'][number], 'type' | 'basis' | 'evidence' | 'section'> & {
  from: { key: string; name: string };
  to: { key: string; name: string };
};

function stepsList(steps: Step[]): HTMLOListElement {
  return h(
    'ol',
    { class: 'steps' },
    ...steps.map((step) =>
      h(
        'li',
        {},
        h('span', { class: 'step' }, entityLink(step.from), ` → ${typeLabel(step.type)} → `, entityLink(step.to), ' '),
        badge(step.basis),
        h('p', { class: 'evidence' }, step.evidence, h('span', { class: 'muted' }, ` (${step.section})`)),
      ),
    ),
  );
}

async function renderTools(state: Extract<State, { view: 'tools' }>, stale: () => boolean): Promise<void> {
  const input = h('input', {
    id: 'concern',
    type: 'search',
    value: state.concern ?? '',
    placeholder: 'security, scalability, tools used for testing…',
  });
  const form = h(
    'form',
    {
      class: 'tools-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const concern = input.value.trim();
        if (concern) navigate({ view: 'tools', concern });
      },
    },
    h('label', { for: 'concern' }, 'Concern'),
    input,
    h('button', { type: 'submit' }, 'Rank tools'),
  );
  const result = h('div', {});
  setView(
    'Tools for a concern',
    h('h2', {}, 'Tools for a concern'),
    h('p', {}, 'Tools linked to a concern, ranked by the strength of the evidence, each with the path that justifies it.'),
    form,
    result,
  );
  view.removeAttribute('aria-busy');
  if (!state.concern) return;
  result.replaceChildren(h('p', { class: 'loading' }, 'Ranking…'));
  const { concern, toolsFor } = await request(ToolsForQuery, { concern: state.concern });
  if (stale()) return;
  if (!concern) {
    result.replaceChildren(h('p', { role: 'status' }, `Nothing found: no entity matches “${state.concern}”.`));
    return;
  }
  if (toolsFor.length === 0) {
    result.replaceChildren(h('p', { role: 'status' }, 'No tools are linked to ', entityLink(concern), ', directly or through one step.'));
    return;
  }
  result.replaceChildren(
    h('h3', {}, `Tools for ${concern.name}`),
    h(
      'ol',
      { class: 'tools' },
      ...toolsFor.map((match) =>
        h(
          'li',
          {},
          kindIcon(match.tool.kind),
          ' ',
          h('strong', {}, entityLink(match.tool)),
          h('span', { class: 'muted' }, ` ${kindLabel(match.tool.kind)}`),
          h('span', { class: 'score' }, ` score ${match.score.toFixed(2)}`),
          h(
            'details',
            {},
            h('summary', {}, `Why (${match.path.length} step${match.path.length === 1 ? '' : 's'})`),
            stepsList(match.path.steps),
          ),
        ),
      ),
    ),
  );
}

async function renderSalaries(stale: () => boolean): Promise<void> {
  loading('salaries');
  const { salaries } = await request(SalariesQuery, {});
  if (stale()) return;
  view.removeAttribute('aria-busy');
  const yearly = salaries.filter((s) => s.period === 'YEAR');
  const hourly = salaries.filter((s) => s.period === 'HOUR');
  const regionName = (s: Salary) => (s.region === 'US' ? 'US' : 'Canada');
  const charts: Node[] = [];
  for (const region of ['US', 'CANADA'] as const) {
    const rows = yearly.filter((s) => s.region === region).sort((a, b) => a.min - b.min);
    if (rows.length > 0)
      charts.push(
        salaryChart(
          `Yearly salary by level, ${regionName(rows[0] as Salary)}`,
          rows.map((s) => ({ label: s.appliesTo.name, salary: s })),
        ),
      );
  }
  const byCurrency = new Map<string, Salary[]>();
  for (const s of hourly) byCurrency.set(s.currency, [...(byCurrency.get(s.currency) ?? []), s]);
  for (const rows of byCurrency.values()) {
    charts.push(
      salaryChart(
        `${rows[0]?.appliesTo.name ?? 'Freelance'} hourly rate, ${regionName(rows[0] as Salary)}`,
        rows.map((s) => ({ label: `${s.appliesTo.name}, ${regionName(s)}`, salary: s })),
      ),
    );
  }
  setView(
    'Salaries',
    h('h2', {}, 'Salaries and rates'),
    h(
      'p',
      {},
      'Ranges as reported by the article: yearly pay by seniority level in each region, and hourly freelance rates. Bars run from the lowest to the highest figure; a tick marks the typical figure where one is given.',
    ),
    ...charts.map((chart) => h('figure', {}, chart)),
    h(
      'table',
      {},
      h('caption', {}, 'The same figures as a table'),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, 'Applies to'), h('th', { scope: 'col' }, 'Region'), h('th', { scope: 'col' }, 'Range')),
      ),
      h(
        'tbody',
        {},
        ...salaries.map((s) => h('tr', {}, h('td', {}, entityLink(s.appliesTo)), h('td', {}, regionName(s)), h('td', {}, rangeText(s)))),
      ),
    ),
  );
}

window.addEventListener('popstate', () => void render());
void render();
