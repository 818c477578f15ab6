import autocannon from 'autocannon';

/** Load slices with autocannon, pooled per system: every response time is kept, so p50/p99 are exact over all slices. */

export interface Target {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
}

export interface Tally {
  latencies: number[];
  seconds: number;
  errors: number;
}

export const newTally = (): Tally => ({ latencies: [], seconds: 0, errors: 0 });

const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
/** A GraphQL answer with errors still has status 200: count those as errors too. */
const noErrors = (text: string | Buffer | undefined) => !String(text ?? '').includes('"errors"');

export function graphqlTarget(base: string, query: string): Target {
  return { url: `${base}/graphql`, method: 'POST', body: JSON.stringify({ query }) };
}

/** One slice of `seconds` at `connections`; adds its response times to `tally` unless it is a warm-up. */
export function slice(target: Target, seconds: number, connections: number, tally?: Tally): Promise<void> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: target.url,
        method: target.method,
        headers: HEADERS,
        body: target.body,
        connections,
        duration: seconds,
        verifyBody: noErrors,
        timeout: 30,
      },
      (error, result) => {
        if (error) return fail(error);
        if (tally) {
          tally.latencies.push(...latencies);
          tally.seconds += (performance.now() - started) / 1000;
          tally.errors += result.errors + result.timeouts + result.mismatches + result.non2xx;
        }
        done();
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
}

/** Sequential requests (one client) for up to `seconds` or `max` requests, at least `min`. */
export async function sequential(target: Target, seconds: number, max: number, min = 3): Promise<Tally> {
  const tally = newTally();
  const started = performance.now();
  while (tally.latencies.length + tally.errors < max) {
    const t0 = performance.now();
    try {
      const response = await fetch(target.url, { method: target.method, headers: HEADERS, body: target.body });
      const text = await response.text();
      if (response.status === 200 && noErrors(text)) tally.latencies.push(performance.now() - t0);
      else tally.errors += 1;
    } catch {
      tally.errors += 1;
    }
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed > seconds && tally.latencies.length + tally.errors >= min) break;
  }
  tally.seconds = (performance.now() - started) / 1000;
  return tally;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export interface Stats {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

export function stats(tally: Tally): Stats {
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  return {
    rps: tally.seconds > 0 ? sorted.length / tally.seconds : 0,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    requests: sorted.length,
    errors: tally.errors,
  };
}

/** Fixed-width columns; the first is left-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const format = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)].join('\n');
}

export const ms = (value: number) => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1));
