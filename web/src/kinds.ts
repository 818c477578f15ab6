import type { EntityKind } from './graphql.js';

/** How each kind is drawn: a colour AND a shape (polygon points in [-1, 1]), so colour is never the only signal. */
export interface KindStyle {
  label: string;
  colour: string;
  /** null: a circle. */
  points: number[] | null;
}

function regular(sides: number, rotation = -Math.PI / 2): number[] {
  const points: number[] = [];
  for (let i = 0; i < sides; i++) {
    const angle = rotation + (2 * Math.PI * i) / sides;
    points.push(round(Math.cos(angle)), round(Math.sin(angle)));
  }
  return points;
}

function star(tips: number, inner: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < tips * 2; i++) {
    const angle = -Math.PI / 2 + (Math.PI * i) / tips;
    const r = i % 2 === 0 ? 1 : inner;
    points.push(round(r * Math.cos(angle)), round(r * Math.sin(angle)));
  }
  return points;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export const KIND_STYLES: Record<EntityKind, KindStyle> = {
  LANGUAGE: { label: 'Language', colour: '#1f6feb', points: null },
  FRAMEWORK: { label: 'Framework', colour: '#8250df', points: [-1, -1, 1, -1, 1, 1, -1, 1] },
  DATABASE: { label: 'Database', colour: '#bf3989', points: regular(6, 0) },
  API_STYLE: { label: 'API style', colour: '#0a7d6c', points: regular(4) },
  CLOUD_PLATFORM: { label: 'Cloud platform', colour: '#2f81f7', points: [-1, 0.3, -0.7, -0.6, 0, -1, 0.7, -0.6, 1, 0.3, 0.6, 1, -0.6, 1] },
  VERSION_CONTROL: { label: 'Version control', colour: '#cf222e', points: regular(3) },
  SERVER_TOOL: { label: 'Server tool', colour: '#bc4c00', points: regular(8, Math.PI / 8) },
  TASK: { label: 'Task', colour: '#4d7c0f', points: [-1, -0.6, 0.6, -0.6, 1, 0, 0.6, 0.6, -1, 0.6] },
  RESPONSIBILITY: { label: 'Responsibility', colour: '#6e7781', points: [-0.6, -1, 1, -1, 0.6, 1, -1, 1] },
  TRAIT: { label: 'Trait', colour: '#d4a72c', points: star(5, 0.45) },
  SKILL: { label: 'Skill', colour: '#1a7f37', points: regular(5) },
  NEED_SIGNAL: { label: 'Need signal', colour: '#a40e26', points: [-1, -1, 1, -1, 0, 1] },
  SENIORITY_LEVEL: { label: 'Seniority level', colour: '#953800', points: [-1, 1, -1, -0.2, 0, -1, 1, -0.2, 1, 1] },
  HIRING_MODEL: { label: 'Hiring model', colour: '#0969da', points: star(4, 0.4) },
  HIRING_CONSIDERATION: { label: 'Hiring consideration', colour: '#57606a', points: regular(7) },
  CONCEPT: { label: 'Concept', colour: '#116329', points: [-1, -0.5, -0.5, -1, 0.5, -1, 1, -0.5, 1, 0.5, 0.5, 1, -0.5, 1, -1, 0.5] },
  ROLE: { label: 'Role', colour: '#24292f', points: [-1, -1, 0, -0.4, 1, -1, 1, 1, -1, 1] },
};

export const KINDS = Object.keys(KIND_STYLES) as EntityKind[];

export function kindLabel(kind: EntityKind): string {
  return KIND_STYLES[kind].label;
}

/** A small SVG of the kind's shape in its colour, for the legend and lists. */
export function kindIcon(kind: EntityKind, size = 14): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '-1.1 -1.1 2.2 2.2');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const { colour, points } = KIND_STYLES[kind];
  let shape: SVGElement;
  if (points) {
    shape = document.createElementNS(ns, 'polygon');
    shape.setAttribute('points', points.join(' '));
  } else {
    shape = document.createElementNS(ns, 'circle');
    shape.setAttribute('r', '1');
  }
  shape.setAttribute('fill', colour);
  svg.append(shape);
  return svg;
}

/** `WRITTEN_IN` -> `written in`. */
export function typeLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}
