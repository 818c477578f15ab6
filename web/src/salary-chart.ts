import { formatNumber } from './dom.js';
import type { Salary } from './graphql.js';

const NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

const PERIOD = { YEAR: 'per year', HOUR: 'per hour' } as const;

export function rangeText(s: Pick<Salary, 'min' | 'max' | 'currency' | 'period' | 'typical'>): string {
  const typical = s.typical ? ` (typical ${formatNumber(s.typical)})` : '';
  return `${formatNumber(s.min)}–${formatNumber(s.max)} ${s.currency} ${PERIOD[s.period]}${typical}`;
}

/**
 * A horizontal range chart: one bar per row from min to max, a tick at the typical figure,
 * the range written out beside it (so the figures never depend on reading the bars).
 */
export function salaryChart(title: string, rows: { label: string; salary: Salary }[]): SVGSVGElement {
  const width = 780;
  const labelWidth = 205;
  const textWidth = 250;
  const rowHeight = 30;
  const top = 28;
  const height = top + rows.length * rowHeight + 24;
  const plotWidth = width - labelWidth - textWidth;
  const max = Math.max(...rows.map((r) => r.salary.max)) * 1.05;
  const x = (value: number) => labelWidth + (value / max) * plotWidth;
  const first = rows[0]?.salary;
  const unit = first ? `${first.currency} ${PERIOD[first.period]}` : '';
  const titleId = `chart-${title.replace(/\W+/g, '-').toLowerCase()}`;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId, class: 'salary-chart' });
  chart.append(svg('title', { id: titleId }, `${title} (${unit})`));
  chart.append(svg('text', { x: 0, y: 16, class: 'chart-title' }, `${title} — ${unit}`));
  for (const [index, { label, salary }] of rows.entries()) {
    const y = top + index * rowHeight;
    chart.append(svg('text', { x: 0, y: y + 15, class: 'chart-label' }, label));
    chart.append(svg('rect', { x: labelWidth, y: y + 4, width: plotWidth, height: 16, class: 'chart-track' }));
    chart.append(
      svg('rect', { x: x(salary.min), y: y + 4, width: Math.max(2, x(salary.max) - x(salary.min)), height: 16, class: 'chart-bar' }),
    );
    if (salary.typical) chart.append(svg('rect', { x: x(salary.typical) - 1.5, y: y, width: 3, height: 24, class: 'chart-typical' }));
    chart.append(svg('text', { x: labelWidth + plotWidth + 8, y: y + 16, class: 'chart-value' }, rangeText(salary)));
  }
  const axisY = top + rows.length * rowHeight + 14;
  for (const fraction of [0, 0.5, 1]) {
    const value = Math.round((max / 1.05) * fraction);
    chart.append(svg('text', { x: x(value), y: axisY, class: 'chart-axis', 'text-anchor': 'middle' }, formatNumber(value)));
  }
  return chart;
}
