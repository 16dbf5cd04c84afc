import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort } from '../../tests/support/pgCluster';
import { REPO_ROOT } from '../generate/config';
import { autocannon } from '../lib/deps';
import { Prng } from '../lib/prng';
import { type BenchServer, rssMbOf } from '../lib/server';
import { round } from '../lib/stats';

export interface LoadSummary {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  megabytesPerSecond: number;
}

export interface Captured {
  path: string;
  status: number;
  bytes: number;
  contentType: string;
  cacheControl: string | null;
  etag: string | null;
  lastModified: string | null;
  /** A repeat request with If-None-Match (or If-Modified-Since) got 304 Not Modified. */
  notModified: boolean;
  /** What the body would weigh gzipped (the server does not compress API responses unless asked and able). */
  gzipBytes: number;
  /** The server compressed the body when the request said Accept-Encoding: gzip. */
  compressedOnRequest: boolean;
  body: Buffer;
}

export const CONNECTIONS = 50;

export async function capture(baseUrl: string, urlPath: string, cookie: string): Promise<Captured> {
  const response = await fetch(baseUrl + urlPath, { headers: { cookie } });
  const body = Buffer.from(await response.arrayBuffer());
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  let notModified = false;
  if (etag || lastModified) {
    const again = await fetch(baseUrl + urlPath, {
      headers: { cookie, ...(etag ? { 'if-none-match': etag } : { 'if-modified-since': lastModified! }) },
    });
    await again.arrayBuffer();
    notModified = again.status === 304;
  }
  const gzipped = await fetch(baseUrl + urlPath, { headers: { cookie, 'accept-encoding': 'gzip' } });
  await gzipped.arrayBuffer();
  return {
    path: urlPath,
    status: response.status,
    gzipBytes: gzipSync(body).length,
    compressedOnRequest: gzipped.headers.get('content-encoding') === 'gzip',
    bytes: body.length,
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    cacheControl: response.headers.get('cache-control'),
    etag,
    lastModified,
    notModified,
    body,
  };
}

export async function load(
  url: string,
  options: {
    seconds: number;
    headers?: Record<string, string>;
    connections?: number;
    /** Each request asks for one of these councils (area codes), drawn at random, by X-Organisation. */
    organisations?: readonly string[];
  },
): Promise<LoadSummary> {
  const councils = options.organisations;
  const prng = new Prng(`load ${url}`);
  const result = await autocannon({
    url,
    connections: options.connections ?? CONNECTIONS,
    duration: options.seconds,
    headers: options.headers ?? {},
    ...(councils && councils.length > 0
      ? {
          requests: [
            {
              setupRequest: (request: { headers: Record<string, string> }) => ({
                ...request,
                headers: {
                  ...request.headers,
                  'x-organisation': councils[Math.floor(prng.next() * councils.length)]!,
                },
              }),
            },
          ],
        }
      : {}),
    // the server's own request timeout; autocannon's default (10 s) would cut off slow responses
    timeout: 30,
  });
  const codes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats as Record<string, { count: number }>)) {
    codes[code] = stat.count;
  }
  return {
    requestsPerSecond: round(result.requests.average, 1),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: codes,
    megabytesPerSecond: round(result.throughput.average / 1_048_576, 1),
  };
}

/**
 * Waits until the server has worked through requests left over from a previous run (autocannon
 * drops its connections at the end, but the server still finishes what it started): three
 * consecutive /api/health answers within 50 ms, or 60 s at most.
 */
export async function drain(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quick = 0;
  while (quick < 3 && Date.now() < deadline) {
    const started = performance.now();
    try {
      await (await fetch(`${baseUrl}/api/health`)).arrayBuffer();
    } catch {
      // keep waiting
    }
    quick = performance.now() - started < 50 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A bare Fastify in its own process returning the captured bodies. */
export async function startBare(bodies: Captured[], routeOf: (c: Captured) => string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-bare-'));
  const spec: Record<string, { file: string; contentType: string }> = {};
  bodies.forEach((c, i) => {
    const file = path.join(dir, `body-${i}`);
    writeFileSync(file, c.body);
    spec[routeOf(c)] = { file, contentType: c.contentType };
  });
  writeFileSync(path.join(dir, 'bodies.json'), JSON.stringify(spec));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/benchmarks/bareServer.ts', String(port), path.join(dir, 'bodies.json')],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bare server did not start')), 30_000);
    child.stdout!.on('data', (chunk) => {
      if (String(chunk).includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface EndpointResult {
  endpoint: string;
  captured: Omit<Captured, 'body'>;
  /** The median round (by requests per second) of the app and of the bare route. */
  app: LoadSummary;
  bare: LoadSummary;
  /** Median app req/s ÷ median bare req/s. */
  ratio: number;
  rounds: { appRequestsPerSecond: number[]; bareRequestsPerSecond: number[] };
  /** The same endpoint, every request conditional (If-None-Match), when the server gives ETags. */
  conditional: LoadSummary | null;
}

export interface MemorySamples {
  idleMb: number;
  peakMb: number;
  meanUnderLoadMb: number;
  afterMb: number;
  bareIdleMb: number;
  barePeakMb: number;
}

function medianRun(runs: LoadSummary[]): LoadSummary {
  const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Each endpoint under 50 connections against the bare route serving the same bytes, in
 * `rounds` alternating rounds of `seconds` each (bare, app, app, bare, …) so that other work on
 * the machine falls on both alike; the median round of each is reported. The bare route gets a
 * 1 s warm-up; the app is warm from the probes. The server's RSS is sampled meanwhile.
 */
export async function httpBenchmarks(params: {
  server: BenchServer;
  cookie: string;
  endpoints: { name: string; path: string }[];
  seconds: number;
  rounds: number;
  log: (line: string) => void;
}): Promise<{ endpoints: EndpointResult[]; memory: MemorySamples }> {
  const { server, cookie, endpoints, seconds, rounds, log } = params;
  const captured: Captured[] = [];
  for (const e of endpoints) {
    const c = await capture(server.baseUrl, e.path, cookie);
    if (c.status !== 200) throw new Error(`${e.path}: ${c.status} ${c.body.toString().slice(0, 300)}`);
    captured.push(c);
  }
  const bare = await startBare(captured, (c) => `/bare/${captured.indexOf(c)}`);
  const idleMb = server.rssMb();
  const bareIdleMb = rssMbOf(bare.pid);
  let peakMb = idleMb;
  let barePeakMb = bareIdleMb;
  const underLoad: number[] = [];
  const results: EndpointResult[] = [];
  const headers = { cookie };
  try {
    for (const [i, e] of endpoints.entries()) {
      const c = captured[i]!;
      const bareUrl = `${bare.baseUrl}/bare/${i}`;
      await load(bareUrl, { seconds: 1 });
      const bareRuns: LoadSummary[] = [];
      const appRuns: LoadSummary[] = [];
      const runBare = async () => {
        const sampler = setInterval(() => {
          barePeakMb = Math.max(barePeakMb, rssMbOf(bare.pid));
        }, 100);
        bareRuns.push(await load(bareUrl, { seconds }));
        clearInterval(sampler);
      };
      const runApp = async () => {
        await drain(server.baseUrl);
        const sampler = setInterval(() => {
          const rss = server.rssMb();
          underLoad.push(rss);
          peakMb = Math.max(peakMb, rss);
        }, 100);
        appRuns.push(await load(server.baseUrl + e.path, { seconds, headers }));
        clearInterval(sampler);
      };
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 0) {
          await runBare();
          await runApp();
        } else {
          await runApp();
          await runBare();
        }
        log(
          `  ${e.name} round ${round + 1}/${rounds}: bare ${bareRuns.at(-1)!.requestsPerSecond} req/s, app ${appRuns.at(-1)!.requestsPerSecond} req/s (p99 ${appRuns.at(-1)!.latencyMs.p99} ms)`,
        );
      }
      let conditional: LoadSummary | null = null;
      if (c.etag) {
        await drain(server.baseUrl);
        conditional = await load(server.baseUrl + e.path, {
          seconds,
          headers: { ...headers, 'if-none-match': c.etag },
        });
        log(
          `  ${e.name} conditional (If-None-Match): ${conditional.requestsPerSecond} req/s, ${JSON.stringify(conditional.statusCodes)}`,
        );
      }
      const appRun = medianRun(appRuns);
      const bareRun = medianRun(bareRuns);
      const { body: _body, ...meta } = c;
      results.push({
        endpoint: e.name,
        captured: meta,
        app: appRun,
        bare: bareRun,
        ratio: round(appRun.requestsPerSecond / bareRun.requestsPerSecond, 3),
        rounds: {
          appRequestsPerSecond: appRuns.map((r) => r.requestsPerSecond),
          bareRequestsPerSecond: bareRuns.map((r) => r.requestsPerSecond),
        },
        conditional,
      });
    }
  } finally {
    await bare.stop();
  }
  await new Promise((r) => setTimeout(r, 1000));
  return {
    endpoints: results,
    memory: {
      idleMb: round(idleMb, 0),
      peakMb: round(peakMb, 0),
      meanUnderLoadMb: round(underLoad.reduce((a, b) => a + b, 0) / Math.max(1, underLoad.length), 0),
      afterMb: round(server.rssMb(), 0),
      bareIdleMb: round(bareIdleMb, 0),
      barePeakMb: round(barePeakMb, 0),
    },
  };
}
