/**
 * `tsx bench/hostileUploads.ts`: do other people's requests stay fast while the worst files a
 * client can send inside every documented limit are being refused? Starts the real server on a
 * fresh embedded database with the demo seed, then, for each worst case, sends five at once and
 * meanwhile asks for `/api/health` and `/api/scorecard` (as a viewer) over and over, sampling the
 * server's memory. Prints p50/p99/max of both, the peak RSS and what the uploads got back.
 * Targets (issue 16): health p99 under 200 ms, server RSS under 600 MB.
 *
 * The worst cases:
 * - XLSX: about 4 MB zipped, about 47 MB of sheet XML, about 1.9 million numeric cells;
 * - CSV: 5 MB, 20,000 rows of 130 cells.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from './generate/config';
import { signIn, startServer } from './lib/server';
import { round } from './lib/stats';

const PASSWORD = 'bench-password-1';
const CONCURRENT = 5;
const ROUNDS = Number(process.env.HOSTILE_ROUNDS ?? 4);
const require = createRequire(path.join(REPO_ROOT, 'tests', 'package.json'));
/** jszip is the tests' dependency; the bench borrows it rather than adding one. */
interface Zip {
  file(name: string, content: string): void;
  generateAsync(options: {
    type: 'nodebuffer';
    compression: 'DEFLATE';
    compressionOptions: { level: number };
  }): Promise<Buffer>;
}
const JSZip = require('jszip') as new () => Zip;

function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** A workbook whose one sheet holds rows × cols numeric cells, written part by part by hand. */
async function worstXlsx(rows: number, cols: number): Promise<{ bytes: Buffer; sheetXmlBytes: number; cells: number }> {
  const names = Array.from({ length: cols }, (_, c) => columnName(c));
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) row += `<c r="${names[c]}${r}"><v>${(r + c) % 10}</v></c>`;
    parts.push(`${row}</row>`);
  }
  parts.push('</sheetData></worksheet>');
  const sheet = parts.join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Return" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  zip.file('xl/worksheets/sheet1.xml', sheet);
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  return { bytes, sheetXmlBytes: Buffer.byteLength(sheet), cells: rows * cols };
}

function worstCsv(rows: number, cols: number): Buffer {
  const line = Array.from({ length: cols }, (_, c) => String(c % 10)).join(',');
  return Buffer.from(`kpi_code,month,value\n${`${line}\n`.repeat(rows - 1)}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Asks for /api/health and /api/scorecard (as a viewer) over and over from a thread of its own
 * until stopped, so the time this process spends building and sending the uploads is not counted
 * as the server's. Resolves with each request's round-trip time in milliseconds.
 */
function startProber(baseUrl: string, cookie: string): { stop(): Promise<{ health: number[]; scorecard: number[] }> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     let going = true;
     parentPort.on('message', () => { going = false; });
     const timed = async (url, headers) => {
       const started = performance.now();
       const response = await fetch(url, { headers });
       await response.arrayBuffer();
       if (!response.ok) throw new Error(url + ': ' + response.status);
       return performance.now() - started;
     };
     (async () => {
       const health = [], scorecard = [];
       while (going) {
         health.push(await timed(workerData.baseUrl + '/api/health', {}));
         scorecard.push(await timed(workerData.baseUrl + '/api/scorecard', { cookie: workerData.cookie }));
       }
       parentPort.postMessage({ health, scorecard });
     })();`,
    { eval: true, workerData: { baseUrl, cookie } },
  );
  const done = new Promise<{ health: number[]; scorecard: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const samples = await done;
      await worker.terminate();
      return samples;
    },
  };
}

function report(samples: { health: number[]; scorecard: number[] }) {
  for (const [what, values] of [
    ['/api/health', samples.health],
    ['/api/scorecard', samples.scorecard],
  ] as const) {
    console.log(
      `  ${what}: ${values.length} requests, p50 ${round(percentile(values, 50), 1)} ms, p99 ${round(percentile(values, 99), 1)} ms, max ${round(Math.max(...values), 1)} ms`,
    );
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kpi-bench-hostile-'));
const server = await startServer({ DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD }, 600_000);
try {
  const commissioner = await signIn(server.baseUrl, 'commissioner', PASSWORD);
  const viewer = await signIn(server.baseUrl, 'viewer', PASSWORD);
  const xlsx = await worstXlsx(20_000, 95);
  const csv = worstCsv(20_000, 130);
  console.log(
    `XLSX: ${round(xlsx.bytes.length / 1048576, 1)} MB zipped, ${round(xlsx.sheetXmlBytes / 1048576, 1)} MB of sheet XML, ${xlsx.cells.toLocaleString('en-GB')} cells`,
  );
  console.log(`CSV: ${round(csv.length / 1048576, 2)} MB, 20,000 rows × 130 cells`);

  // Idle first, for comparison on the same machine at the same moment.
  {
    const prober = startProber(server.baseUrl, viewer);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    console.log('\nNo uploads:');
    report(await prober.stop());
    console.log(`  server RSS ${round(server.rssMb(), 0)} MB`);
  }

  for (const [label, bytes, type, name] of [
    ['XLSX', xlsx.bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'worst.xlsx'],
    ['CSV', csv, 'text/csv', 'worst.csv'],
  ] as const) {
    let peakRss = server.rssMb();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, server.rssMb());
    }, 50);
    const prober = startProber(server.baseUrl, viewer);
    // Several rounds, so that the 99th percentile rests on enough requests to mean something.
    const results: { status: number; ms: number; said: string }[] = [];
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      const started = performance.now();
      results.push(
        ...(await Promise.all(
          Array.from({ length: CONCURRENT }, async () => {
            const response = await fetch(`${server.baseUrl}/api/returns/uploads?fileName=${name}`, {
              method: 'POST',
              headers: { cookie: commissioner, 'content-type': type },
              body: new Uint8Array(bytes),
            });
            const body = (await response.json()) as { report?: { errors?: { message: string }[] }; detail?: string };
            return {
              status: response.status,
              ms: round(performance.now() - started, 0),
              said: body.report?.errors?.[0]?.message ?? body.detail ?? '',
            };
          }),
        )),
      );
    }
    const samples = await prober.stop();
    clearInterval(sampler);
    console.log(`\n${ROUNDS} rounds of ${CONCURRENT} concurrent ${label} uploads:`);
    for (const r of results.slice(0, CONCURRENT))
      console.log(`  ${r.status} after ${r.ms} ms: ${r.said.slice(0, 110)}`);
    const refused = results.filter((r) => r.status === 200 && r.said).length;
    console.log(`  ${refused} of ${results.length} answered 200 with a refusal`);
    report(samples);
    console.log(`  server RSS peak ${round(peakRss, 0)} MB`);
  }
} catch (error) {
  console.error(`${error}\n--- server output ---\n${server.output().slice(-4000)}`);
  process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
