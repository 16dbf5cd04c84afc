import { median, round } from '../lib/stats';

export interface Probe {
  name: string;
  path: string;
  status: number;
  bytes: number;
  /** One request at a time, no other load: median of `runs` after one warm-up. */
  medianMs: number;
}

/** Latency of single requests on an idle server: what one councillor sees, without contention. */
export async function probe(
  baseUrl: string,
  list: { name: string; path: string; cookie: string }[],
  runs = 5,
): Promise<Probe[]> {
  const out: Probe[] = [];
  for (const p of list) {
    const times: number[] = [];
    let status = 0;
    let bytes = 0;
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      const response = await fetch(baseUrl + p.path, { headers: { cookie: p.cookie } });
      const body = await response.arrayBuffer();
      if (i > 0) times.push(performance.now() - started);
      status = response.status;
      bytes = body.byteLength;
    }
    out.push({ name: p.name, path: p.path, status, bytes, medianMs: round(median(times), 1) });
  }
  return out;
}
