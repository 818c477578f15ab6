import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { h, uid } from './dom.js';
import type { EntityKind } from './graphql.js';
import { KIND_STYLES, KINDS, kindIcon, kindLabel, typeLabel } from './kinds.js';
import { withSeededRandom } from './seeded-random.js';

cytoscape.use(fcose);

export interface GraphNodeData {
  id: string;
  key: string;
  name: string;
  kind: EntityKind;
}

export interface GraphEdgeData {
  from: string;
  to: string;
  type: string;
}

export interface GraphViewOptions {
  /** What the graph shows, for its aria-label: "Neighbourhood of Python". */
  label: string;
  /** Key of the entity the graph is centred on (drawn larger). */
  focus?: string;
  /** Opens an entity (single click). */
  onOpen: (key: string) => void;
  /** Loads one more hop around a node (double click or the Expand button). */
  onExpand?: (key: string) => Promise<{ nodes: GraphNodeData[]; edges: GraphEdgeData[] }>;
  /** Edges (from, to, type) to highlight, e.g. the steps of a path. */
  highlight?: boolean;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(name)',
      'background-color': 'data(colour)',
      shape: 'data(shape)' as never,
      'shape-polygon-points': 'data(points)' as never,
      width: 22,
      height: 22,
      'font-size': 11,
      color: '#1f2328',
      // Long names wrap onto short lines instead of running across their neighbours.
      'text-wrap': 'wrap',
      'text-max-width': '110px',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.focus', style: { width: 34, height: 34, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#1f2328' } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#fb8500' } },
  {
    selector: 'edge',
    style: {
      width: 1.2,
      'line-color': '#8c959f',
      'target-arrow-color': '#8c959f',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 8,
      // Relationship names appear once zoomed in (or on a highlighted path): on a hub's
      // neighbourhood they would cover the graph.
      'min-zoomed-font-size': 11,
      color: '#57606a',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
    },
  },
  {
    selector: 'edge.path',
    style: {
      width: 4,
      'line-color': '#fb8500',
      'target-arrow-color': '#fb8500',
      color: '#1f2328',
      'font-size': 10,
      'min-zoomed-font-size': 0,
    },
  },
];

function nodeElement(node: GraphNodeData, focus?: string): ElementDefinition {
  const style = KIND_STYLES[node.kind];
  return {
    group: 'nodes',
    data: {
      ...node,
      colour: style.colour,
      shape: style.points ? 'polygon' : 'ellipse',
      points: style.points ? style.points.join(' ') : '-1 -1 1 -1 1 1',
    },
    classes: node.key === focus ? 'focus' : '',
  };
}

function edgeElement(edge: GraphEdgeData, highlight?: boolean): ElementDefinition {
  return {
    group: 'edges',
    data: { id: `${edge.from}|${edge.type}|${edge.to}`, source: edge.from, target: edge.to, label: typeLabel(edge.type) },
    classes: highlight ? 'path' : '',
  };
}

const LAYOUT = {
  name: 'fcose',
  animate: false,
  randomize: true,
  quality: 'default',
  nodeRepulsion: 9000,
  idealEdgeLength: 110,
  padding: 20,
};

/** The drawn graph plus its legend, controls and a visually hidden text list of the same nodes. */
export class GraphView {
  readonly element: HTMLElement;
  private cy: Core | undefined;
  private readonly canvas: HTMLElement;
  private readonly textList: HTMLUListElement;
  private readonly legend: HTMLElement;
  private readonly status: HTMLElement;
  private tapTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: GraphViewOptions) {
    const keysHelp = uid('graph-keys');
    // role=application: the canvas takes the keyboard itself (arrows, Enter, E, +, -, F).
    this.canvas = h('div', {
      class: 'graph-canvas',
      role: 'application',
      tabindex: 0,
      'aria-label': options.label,
      'aria-describedby': keysHelp,
      onkeydown: (event: Event) => this.onKey(event as KeyboardEvent),
    });
    this.textList = h('ul', { class: 'visually-hidden', 'aria-label': `Entities in the graph: ${options.label}` });
    this.legend = h('ul', { class: 'legend', 'aria-label': 'Legend: colour and shape by kind' });
    this.status = h('p', { class: 'graph-status', role: 'status' });
    const expand = options.onExpand
      ? h('button', { type: 'button', onclick: () => void this.expandSelected() }, 'Expand selected node')
      : null;
    this.element = h(
      'section',
      { class: 'graph', 'aria-label': 'Graph view' },
      h('div', { class: 'graph-tools' }, h('button', { type: 'button', onclick: () => this.fit() }, 'Fit'), expand, this.status),
      this.canvas,
      this.textList,
      this.legend,
      h('p', { class: 'hint' }, 'Click a node to open it; double-click to expand it in place.'),
      h(
        'p',
        { class: 'hint', id: keysHelp },
        'Keyboard: focus the graph, then the arrow keys select the next or previous entity, Enter opens it, E expands it, + and - zoom, F fits.',
      ),
    );
  }

  /** Draws the graph; resolves once the layout has run. */
  draw(nodes: GraphNodeData[], edges: GraphEdgeData[]): Promise<void> {
    this.cy?.destroy();
    const cy = cytoscape({
      container: this.canvas,
      elements: [...nodes.map((n) => nodeElement(n, this.options.focus)), ...edges.map((e) => edgeElement(e, this.options.highlight))],
      style: STYLE,
      layout: { name: 'preset' },
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
      selectionType: 'single',
    });
    this.cy = cy;
    cy.on('tap', 'node', (event) => {
      const key = event.target.data('key') as string;
      clearTimeout(this.tapTimer);
      this.tapTimer = setTimeout(() => this.options.onOpen(key), 260);
    });
    cy.on('dbltap', 'node', (event) => {
      clearTimeout(this.tapTimer);
      void this.expand(event.target.data('key') as string);
    });
    this.refreshText();
    return this.layout();
  }

  /**
   * Lays the graph out: the first time from scratch; after an expansion, with every node that
   * was already there pinned where it is (fcose's fixedNodeConstraint), so only the `added`
   * nodes move, and the view is refitted only when one of them landed out of sight.
   */
  private layout(added?: ReadonlySet<string>): Promise<void> {
    const cy = this.cy;
    if (!cy) return Promise.resolve();
    const nodes = cy.nodes().toArray() as cytoscape.NodeSingular[];
    const pinned = added
      ? nodes.filter((node) => !added.has(node.id())).map((node) => ({ nodeId: node.id(), position: { ...node.position() } }))
      : undefined;
    return new Promise((done) => {
      const options = added ? { ...LAYOUT, randomize: false, fixedNodeConstraint: pinned } : LAYOUT;
      const layout = cy.layout(options as cytoscape.LayoutOptions);
      layout.one('layoutstop', () => {
        if (!added || nodes.some((node) => added.has(node.id()) && !this.inView(node))) this.fit();
        this.canvas.dataset.ready = 'true';
        done();
      });
      // Seeded by the nodes drawn, so the same graph is laid out the same way every time.
      withSeededRandom(nodes.map((node) => node.id()).join('|'), () => layout.run());
    });
  }

  /** Everything in view, but never blown up past 1.5x (a two-node path would fill the screen). */
  fit(): void {
    const cy = this.cy;
    if (!cy) return;
    cy.fit(undefined, 20);
    if (cy.zoom() > 1.5) {
      cy.zoom(1.5);
      cy.center();
    }
  }

  /** Keyboard walk of the drawn nodes, in the order of the text list (by name). */
  private onKey(event: KeyboardEvent): void {
    const cy = this.cy;
    if (!cy || event.altKey || event.ctrlKey || event.metaKey) return;
    const actions: Record<string, () => void> = {
      ArrowRight: () => this.selectStep(1),
      ArrowDown: () => this.selectStep(1),
      ArrowLeft: () => this.selectStep(-1),
      ArrowUp: () => this.selectStep(-1),
      Enter: () => {
        const key = this.selectedKey();
        if (key) this.options.onOpen(key);
      },
      e: () => void this.expandSelected(),
      E: () => void this.expandSelected(),
      '+': () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: this.middle() }),
      '=': () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: this.middle() }),
      '-': () => cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: this.middle() }),
      f: () => this.fit(),
      F: () => this.fit(),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault(); // arrows would scroll the page
    action();
  }

  private middle(): { x: number; y: number } {
    return { x: this.canvas.clientWidth / 2, y: this.canvas.clientHeight / 2 };
  }

  private selectedKey(): string | undefined {
    const selected = this.cy?.$('node:selected').first();
    return selected && selected.length > 0 ? (selected.data('key') as string) : undefined;
  }

  /** Selects the next (1) or previous (-1) node by name, brings it into view and announces it. */
  private selectStep(step: 1 | -1): void {
    const cy = this.cy;
    if (!cy || cy.nodes().empty()) return;
    const nodes = cy.nodes().sort((a, b) => (a.data('name') as string).localeCompare(b.data('name') as string));
    const current = nodes.toArray().findIndex((node) => node.selected());
    const next = nodes[(current + step + nodes.length) % nodes.length] ?? nodes[0];
    if (!next) return;
    cy.nodes().unselect();
    next.select();
    if (!this.inView(next)) cy.center(next);
    const links = next.connectedEdges().length;
    this.status.textContent = `${next.data('name') as string} (${kindLabel(next.data('kind') as EntityKind)}), ${links} relationship${links === 1 ? '' : 's'} shown.`;
  }

  private inView(node: cytoscape.NodeSingular): boolean {
    const box = node.renderedBoundingBox();
    return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= this.canvas.clientWidth && box.y2 <= this.canvas.clientHeight;
  }

  private async expandSelected(): Promise<void> {
    const key = this.selectedKey() ?? this.options.focus;
    if (key) await this.expand(key);
  }

  async expand(key: string): Promise<void> {
    const cy = this.cy;
    if (!cy || !this.options.onExpand) return;
    this.status.textContent = 'Expanding…';
    const more = await this.options.onExpand(key);
    const fresh: ElementDefinition[] = [];
    for (const node of more.nodes) if (cy.getElementById(node.id).empty()) fresh.push(nodeElement(node, this.options.focus));
    for (const edge of more.edges) if (cy.getElementById(`${edge.from}|${edge.type}|${edge.to}`).empty()) fresh.push(edgeElement(edge));
    // New nodes start around the node they came from, in a small circle, then the layout settles them.
    const origin = cy.getElementById(more.nodes.find((n) => n.key === key)?.id ?? '').position() ?? { x: 0, y: 0 };
    const newNodes = fresh.filter((element) => element.group === 'nodes');
    newNodes.forEach((element, index) => {
      const angle = (2 * Math.PI * index) / Math.max(newNodes.length, 1);
      element.position = { x: origin.x + 40 * Math.cos(angle), y: origin.y + 40 * Math.sin(angle) };
    });
    cy.add(fresh);
    this.refreshText();
    await this.layout(new Set(newNodes.map((element) => element.data.id as string)));
    const name = more.nodes.find((n) => n.key === key)?.name ?? key;
    this.status.textContent = `${name} expanded: ${fresh.filter((e) => e.group === 'nodes').length} new nodes.`;
  }

  private refreshText(): void {
    const cy = this.cy;
    if (!cy) return;
    const nodes = cy.nodes().map((n) => n.data() as GraphNodeData);
    nodes.sort((a, b) => a.name.localeCompare(b.name));
    this.textList.replaceChildren(
      ...nodes.map((node) => {
        const links = cy
          .getElementById(node.id)
          .connectedEdges()
          .map((edge) => {
            const other = edge.source().id() === node.id ? edge.target() : edge.source();
            const arrow = edge.source().id() === node.id ? '→' : '←';
            return `${arrow} ${typeLabel(edge.data('label') as string)} ${other.data('name') as string}`;
          });
        return h('li', {}, `${node.name} (${kindLabel(node.kind)})${links.length ? `: ${links.join('; ')}` : ''}`);
      }),
    );
    const present = new Set(nodes.map((n) => n.kind));
    this.legend.replaceChildren(...KINDS.filter((k) => present.has(k)).map((kind) => h('li', {}, kindIcon(kind), ` ${kindLabel(kind)}`)));
    this.canvas.setAttribute('aria-label', `${this.options.label}: ${nodes.length} entities, ${cy.edges().length} relationships`);
  }

  nodeCount(): number {
    return this.cy?.nodes().length ?? 0;
  }

  destroy(): void {
    clearTimeout(this.tapTimer);
    this.cy?.destroy();
    this.cy = undefined;
  }
}
