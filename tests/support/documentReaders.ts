import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { ExcelJS } from '../../server/src/returns/excel';

/** Opens what the exports produce, the way a reader's software would, so tests check the files themselves. */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export { ExcelJS };

export interface PngInfo {
  width: number;
  height: number;
  /** Variance of the pixels' luminance: near 0 for a blank image. */
  variance: number;
  /** Share of pixels that are not (near) white. */
  inkShare: number;
  /** The top-left pixel, which should be the white background. */
  corner: [number, number, number, number];
}

export function readPng(bytes: Buffer): PngInfo {
  const png = PNG.sync.read(bytes);
  let sum = 0;
  let sumSquares = 0;
  let ink = 0;
  const pixels = png.width * png.height;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
    const luminance = ((0.2126 * r + 0.7152 * g + 0.0722 * b) * a) / 255 + (255 - a);
    sum += luminance;
    sumSquares += luminance * luminance;
    if (luminance < 240) ink += 1;
  }
  const mean = sum / pixels;
  return {
    width: png.width,
    height: png.height,
    variance: sumSquares / pixels - mean * mean,
    inkShare: ink / pixels,
    corner: [png.data[0]!, png.data[1]!, png.data[2]!, png.data[3]!],
  };
}

export interface CsvInfo {
  bom: boolean;
  /** Every line ends CRLF: no lone LF or CR outside quoted fields' own text. */
  crlf: boolean;
  text: string;
  rows: string[][];
}

export function readCsv(bytes: Buffer): CsvInfo {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const rows = parse(text, { relax_column_count: true, bom: true, record_delimiter: '\r\n' }) as string[][];
  // Outside quoted fields, a line ends CRLF and nowhere else.
  const unquoted = text.replace(/"(?:[^"]|"")*"/g, '""');
  const crlf = text.endsWith('\r\n') && !/[^\r]\n/.test(unquoted) && !/\r[^\n]/.test(unquoted);
  return { bom, crlf, text, rows };
}

/**
 * A tidy CSV's table: the first line is its one header row and every line after it is a data row
 * as wide as the header (no title lines, blank lines or notes), as ONS and DfE publish them.
 */
export function tidyTable(csv: CsvInfo): { header: string[]; rows: string[][] } {
  const [header, ...rows] = csv.rows;
  if (!header) throw new Error('an empty CSV file');
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new Error(`line ${i + 2} has ${row.length} fields, the header ${header.length}: ${row.join(',')}`);
    }
  }
  return { header, rows };
}

export async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

export interface PdfInfo {
  pages: string[];
}

/** Text of each page, read with pdf.js. */
export async function readPdf(bytes: Buffer): Promise<PdfInfo> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: true,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }
  await document.destroy();
  return { pages };
}

export interface DocxInfo {
  documentXml: string;
  /** Plain text of the body, runs joined. */
  text: string;
  headersXml: string;
  footersXml: string;
  media: { name: string; png: Buffer }[];
  tableCount: number;
}

const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as const;

export async function readDocx(bytes: Buffer): Promise<DocxInfo> {
  const zip = await JSZip.loadAsync(bytes);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const partText = async (pattern: RegExp) =>
    (
      await Promise.all(
        Object.keys(zip.files)
          .filter((name) => pattern.test(name))
          .map((name) => zip.file(name)!.async('string')),
      )
    ).join('\n');
  const media = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => /^word\/media\/.+\.png$/.test(name))
      .map(async (name) => ({ name, png: await zip.file(name)!.async('nodebuffer') })),
  );
  const text = [...documentXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return {
    documentXml,
    // XML's five entities, each once (so "&amp;lt;" stays "&lt;").
    text: text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: keyof typeof XML_ENTITIES) => XML_ENTITIES[name]),
    headersXml: await partText(/^word\/header\d*\.xml$/),
    footersXml: await partText(/^word\/footer\d*\.xml$/),
    media,
    tableCount: (documentXml.match(/<w:tbl>/g) ?? []).length,
  };
}

/**
 * Builds the client into a fresh directory for tests that draw with its print routes (the API
 * tests run before the browser stage builds it), and returns that directory.
 */
export function buildClientForTests(): string {
  const outDir = mkdtempSync(path.join(tmpdir(), 'kpi-client-'));
  const build = spawnSync(
    path.join(root, 'node_modules', '.bin', 'vite'),
    ['build', 'client', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'],
    { cwd: root, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`client build failed:\n${build.stdout}\n${build.stderr}`);
  return outDir;
}

/**
 * Renders each page of a PDF to PNG with pdf.js inside Chromium (no poppler here), so a test can
 * save what the pages look like. The page is served from memory; nothing touches the network.
 */
export async function renderPdfPages(
  browser: import('playwright-core').Browser,
  pdf: Buffer,
  scale = 1.25,
): Promise<Buffer[]> {
  const { readFile } = await import('node:fs/promises');
  const { createRequire } = await import('node:module');
  const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const origin = 'http://pdf-render.invalid';
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin) return route.abort();
      if (url.pathname === '/') {
        return route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><body style="margin:0;background:#888"><script type="module">
            import * as pdfjs from '/pdfjs/build/pdf.mjs';
            pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/build/pdf.worker.mjs';
            const data = new Uint8Array(await (await fetch('/document.pdf')).arrayBuffer());
            const doc = await pdfjs.getDocument({ data, standardFontDataUrl: '/pdfjs/standard_fonts/', cMapUrl: '/pdfjs/cmaps/' }).promise;
            for (let n = 1; n <= doc.numPages; n++) {
              const page = await doc.getPage(n);
              const viewport = page.getViewport({ scale: ${scale} });
              const canvas = document.createElement('canvas');
              canvas.width = viewport.width; canvas.height = viewport.height;
              canvas.style.display = 'block'; canvas.style.marginBottom = '8px';
              document.body.append(canvas);
              await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
            }
            document.body.dataset.pages = String(doc.numPages);
          </script></body>`,
        });
      }
      if (url.pathname === '/document.pdf') return route.fulfill({ contentType: 'application/pdf', body: pdf });
      if (url.pathname.startsWith('/pdfjs/')) {
        const file = path.join(pdfjsRoot, url.pathname.slice('/pdfjs/'.length));
        if (!file.startsWith(pdfjsRoot)) return route.abort();
        const body = await readFile(file).catch(() => null);
        if (!body) return route.fulfill({ status: 404, body: '' });
        return route.fulfill({
          contentType: file.endsWith('.mjs') ? 'text/javascript' : 'application/octet-stream',
          body,
        });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-pages]', { timeout: 60_000 });
    const canvases = await page.locator('canvas').all();
    const images: Buffer[] = [];
    for (const canvas of canvases) images.push(await canvas.screenshot());
    return images;
  } finally {
    await context.close();
  }
}
