/**
 * A table on screen as a standalone image (the region page's "tartan rugs"): a grid of cells with
 * the table's own tints, every visible word in each cell (figure, rating word, position word: status
 * is never colour alone here either), its tags as boxes of their colours with their icons, under a
 * title, any protective marking and an illustrative-data warning, and above the source and the
 * "Produced" line. Column widths come from the measured words, so nothing overlaps however many
 * columns and rows there are; the PNG is drawn by `svgToPngDataUrl`, which scales a big one down.
 */
import {
  Canvas,
  type ChartImage,
  type ChartImageText,
  escapeXml,
  ILLUSTRATIVE,
  ILLUSTRATIVE_WORDS,
  type Measure,
  PAD,
  SECONDARY,
  serialise,
  standaloneImage,
  TEXT,
  textMeasure,
  wrap,
} from './chartImage';
import { hexColour, readableOn, WHITE } from './imageColours';

export { saveFile, svgDataUrl, svgToPngDataUrl } from './chartImage';

/**
 * A file's data: address as a blob: one. Chrome will not download a data: address over 2 MB, and a
 * rug of 153 councils is a PNG of several. The caller revokes the address once it is saved.
 */
export function blobAddress(href: string): string {
  const comma = href.indexOf(',');
  const head = href.slice('data:'.length, comma);
  const body = href.slice(comma + 1);
  const bytes = head.endsWith(';base64')
    ? Uint8Array.from(atob(body), (c) => c.charCodeAt(0))
    : new TextEncoder().encode(decodeURIComponent(body));
  return URL.createObjectURL(new Blob([bytes], { type: head.split(';')[0] }));
}

export type TableImageText = ChartImageText & {
  /** "Source: each council’s monthly contract return.", drawn under the table. */
  source?: string | null;
};

type Style = { size: number; bold: boolean; colour: string };
type Inline = { kind: 'text'; text: string; style: Style } | { kind: 'icon'; svg: SVGSVGElement; size: number };
type Piece =
  | Inline
  | { kind: 'boxes'; fills: string[]; stroke: string }
  | { kind: 'chip'; pieces: Inline[]; fill: string; stroke: string | null; dashed: boolean };
type Line = Piece[];

const BODY = 14;
const SMALL = 12;
const MIN_WIDTH = 560;
/** Words wider than this wrap onto more lines within their cell (a long KPI title in a heading). */
const MAX_TEXT = 200;
const CELL_X = 8;
const CELL_Y = 6;
const GAP = 5;
const CHIP_X = 6;
const CHIP_HEIGHT = 20;
const GRID = '#b1b4b6';
const BLOCK = new Set(['block', 'flex', 'grid', 'list-item', 'table', 'flow-root']);

function computed(element: Element): CSSStyleDeclaration {
  return (element.ownerDocument.defaultView ?? window).getComputedStyle(element);
}

function styleOf(element: Element, parent: Style, cellSize: number): Style {
  const css = computed(element);
  const size = Number.parseFloat(css.fontSize);
  const weight = css.fontWeight === 'bold' ? 700 : Number.parseFloat(css.fontWeight);
  const tagBold = ['STRONG', 'B', 'TH'].includes(element.tagName);
  return {
    size: Number.isFinite(size) && cellSize > 0 ? (size < cellSize * 0.95 ? SMALL : BODY) : parent.size,
    bold: Number.isFinite(weight) ? weight >= 600 : tagBold || parent.bold,
    colour: hexColour(css.color) ?? parent.colour,
  };
}

function isHidden(element: Element, css: CSSStyleDeclaration): boolean {
  return (
    element.classList.contains('visually-hidden') ||
    element.hasAttribute('hidden') ||
    css.display === 'none' ||
    css.visibility === 'hidden'
  );
}

/** An icon as it looks: `currentColor` and the page's CSS fills and strokes written onto the copy. */
function iconOf(svg: SVGSVGElement, colour: string): Inline {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  [copy, ...copy.querySelectorAll('*')].forEach((element, i) => {
    const css = computed(originals[i]!);
    for (const property of ['fill', 'stroke'] as const) {
      const value = hexColour(css.getPropertyValue(property));
      if (value && element !== copy) element.setAttribute(property, value);
    }
    for (const attribute of ['class', 'aria-hidden', 'focusable', 'style']) element.removeAttribute(attribute);
  });
  copy.setAttribute('color', colour);
  const size = Number.parseFloat(svg.getAttribute('width') ?? '') || 16;
  return { kind: 'icon', svg: copy, size };
}

/** Reads a cell into lines of pieces, as the screen lays them out: blocks on lines of their own. */
class CellReader {
  readonly lines: Line[] = [[]];
  private readonly cellSize: number;

  constructor(cell: Element, cellStyle: Style) {
    this.cellSize = Number.parseFloat(computed(cell).fontSize) || 0;
    this.children(cell, cellStyle, false);
  }

  private get line(): Line {
    return this.lines.at(-1)!;
  }

  private newLine() {
    if (this.line.length > 0) this.lines.push([]);
  }

  private text(content: string, style: Style, into: Piece[]) {
    let text = content.replace(/\s+/g, ' ');
    const last = into.at(-1);
    // A tag, icon or meter is set apart by a gap of its own.
    if (last?.kind !== 'text' || last.text.endsWith(' ')) text = text.trimStart();
    if (!text) return;
    if (last?.kind === 'text' && last.style.size === style.size && last.style.bold === style.bold) {
      if (last.style.colour === style.colour) {
        last.text += text;
        return;
      }
    }
    into.push({ kind: 'text', text, style });
  }

  private children(element: Element, style: Style, column: boolean) {
    for (const node of element.childNodes) {
      if (node.nodeType === 3) this.text(node.textContent ?? '', style, this.line);
      else if (node.nodeType === 1) {
        if (column) this.newLine();
        this.element(node as Element, style);
      }
    }
  }

  private element(element: Element, parent: Style) {
    const css = computed(element);
    if (isHidden(element, css)) return;
    const style = styleOf(element, parent, this.cellSize);
    if (element instanceof SVGSVGElement || element.tagName.toLowerCase() === 'svg') {
      this.line.push(iconOf(element as SVGSVGElement, style.colour));
      return;
    }
    const text = (element.textContent ?? '').trim();
    // A drawing of empty boxes (a five-step meter): each box with its own fill.
    if (element.getAttribute('aria-hidden') === 'true' && !text && element.children.length > 0) {
      const boxes = [...element.children];
      this.line.push({
        kind: 'boxes',
        fills: boxes.map((box) => hexColour(computed(box).backgroundColor) ?? WHITE),
        stroke: hexColour(computed(boxes[0]!).borderTopColor) ?? style.colour,
      });
      return;
    }
    const block = BLOCK.has(css.display);
    if (block) this.newLine();
    const fill = hexColour(css.backgroundColor);
    const borderWidth = Number.parseFloat(css.borderTopWidth) || 0;
    const bordered = borderWidth > 0 && css.borderTopStyle !== 'none' && css.borderTopStyle !== '';
    if ((fill || bordered) && text) {
      // A tag: its words (and icon) in a box of its own colours.
      const pieces: Inline[] = [];
      const collect = (from: Element) => {
        for (const node of from.childNodes) {
          if (node.nodeType === 3) this.text(node.textContent ?? '', style, pieces);
          else if (node.nodeType !== 1) continue;
          else if (node instanceof SVGSVGElement) pieces.push(iconOf(node, style.colour));
          else if (!isHidden(node as Element, computed(node as Element))) collect(node as Element);
        }
      };
      collect(element);
      const last = pieces.at(-1);
      if (last?.kind === 'text') last.text = last.text.trimEnd();
      this.line.push({
        kind: 'chip',
        pieces,
        fill: fill ?? WHITE,
        stroke: bordered ? (hexColour(css.borderTopColor) ?? style.colour) : null,
        dashed: css.borderTopStyle === 'dashed',
      });
    } else {
      const column = css.display.endsWith('flex') && css.flexDirection.startsWith('column');
      this.children(element, style, column);
    }
    if (block) this.newLine();
  }
}

function pieceWidth(piece: Piece, measure: Measure): number {
  switch (piece.kind) {
    case 'text':
      return measure(piece.text.trimEnd(), piece.style.size, piece.style.bold);
    case 'icon':
      return piece.size;
    case 'boxes':
      return piece.fills.length * 8 - 2;
    case 'chip':
      return 2 * CHIP_X + lineWidth(piece.pieces, measure);
  }
}

function lineWidth(line: Piece[], measure: Measure): number {
  return line.reduce((sum, piece, i) => sum + pieceWidth(piece, measure) + (i > 0 && gapBefore(line, i) ? GAP : 0), 0);
}

/** Words carry their own spaces; a tag, icon or meter is set apart from what is beside it. */
function gapBefore(line: Piece[], i: number): boolean {
  return line[i]!.kind !== 'text' || line[i - 1]!.kind !== 'text';
}

function lineHeight(line: Line): number {
  if (line.some((p) => p.kind === 'chip')) return CHIP_HEIGHT + 4;
  const size = Math.max(
    SMALL,
    ...line.map((p) => (p.kind === 'text' ? p.style.size : p.kind === 'icon' ? p.size : 12)),
  );
  return Math.round(size * 1.4);
}

/** A long run of words on a line of its own wraps within the cell. */
function wrapLines(lines: Line[], measure: Measure): Line[] {
  return lines.flatMap((line): Line[] => {
    const only = line[0];
    if (line.length !== 1 || only?.kind !== 'text' || lineWidth(line, measure) <= MAX_TEXT) return [line];
    const { style } = only;
    return wrap(only.text, MAX_TEXT, style.size, measure, style.bold).map(
      (text): Line => [{ kind: 'text', text, style }],
    );
  });
}

type Laid = { cell: HTMLTableCellElement; row: number; col: number; span: number; lines: Line[]; background: string };

/** The first tint found from the cell out to the table; white where there is none. */
function backgroundOf(cell: Element, table: Element): string {
  for (let at: Element | null = cell; at; at = at === table ? null : at.parentElement) {
    const fill = hexColour(computed(at).backgroundColor);
    if (fill) return fill;
  }
  return WHITE;
}

function drawPieces(
  parts: string[],
  line: Piece[],
  x0: number,
  top: number,
  height: number,
  background: string,
  measure: Measure,
) {
  let x = x0;
  line.forEach((piece, i) => {
    if (i > 0 && gapBefore(line, i)) x += GAP;
    const width = pieceWidth(piece, measure);
    const middle = top + height / 2;
    if (piece.kind === 'text') {
      const { size, bold, colour } = piece.style;
      parts.push(
        `<text x="${x.toFixed(1)}" y="${(middle + size * 0.35).toFixed(1)}" font-size="${size}"${bold ? ' font-weight="700"' : ''} fill="${readableOn(background, colour)}" xml:space="preserve">${escapeXml(piece.text.trimEnd())}</text>`,
      );
    } else if (piece.kind === 'icon') {
      piece.svg.setAttribute('x', x.toFixed(1));
      piece.svg.setAttribute('y', (middle - piece.size / 2).toFixed(1));
      piece.svg.setAttribute('width', String(piece.size));
      piece.svg.setAttribute('height', String(piece.size));
      parts.push(serialise(piece.svg));
    } else if (piece.kind === 'boxes') {
      piece.fills.forEach((fill, b) => {
        parts.push(
          `<rect x="${(x + b * 8 + 0.5).toFixed(1)}" y="${(middle - 5).toFixed(1)}" width="5" height="10" fill="${fill}" stroke="${piece.stroke}" stroke-width="1"/>`,
        );
      });
    } else {
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(middle - CHIP_HEIGHT / 2).toFixed(1)}" width="${width.toFixed(1)}" height="${CHIP_HEIGHT}" fill="${piece.fill}"${piece.stroke ? ` stroke="${piece.stroke}" stroke-width="${piece.dashed ? 2 : 1}"${piece.dashed ? ' stroke-dasharray="4 2"' : ''}` : ''}/>`,
      );
      drawPieces(parts, piece.pieces, x + CHIP_X, top, height, piece.fill, measure);
    }
    x += width;
  });
}

/** The table as an SVG grid at (x, y): its parts, width and height. */
function drawTable(table: HTMLTableElement, x: number, y: number, measure: Measure) {
  const laid: Laid[] = [];
  const rows = [...table.rows];
  let columns = 0;
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row.cells) {
      const span = Math.max(1, cell.colSpan || 1);
      const cellStyle = styleOf(cell, { size: BODY, bold: cell.tagName === 'TH', colour: TEXT }, 0);
      const lines = wrapLines(new CellReader(cell, { ...cellStyle, size: BODY }).lines, measure).filter(
        (l) => l.length,
      );
      laid.push({ cell, row: r, col, span, lines, background: backgroundOf(cell, table) });
      col += span;
    }
    columns = Math.max(columns, col);
  });
  const widths = Array.from({ length: columns }, () => 40);
  const heights = rows.map(() => 2 * CELL_Y + 18);
  const contentWidth = (c: Laid) => Math.ceil(Math.max(0, ...c.lines.map((l) => lineWidth(l, measure)))) + 2 * CELL_X;
  for (const c of [...laid].sort((a, b) => a.span - b.span)) {
    const spanned = widths.slice(c.col, c.col + c.span);
    const short = contentWidth(c) - spanned.reduce((a, b) => a + b, 0);
    if (short > 0) widths[c.col + c.span - 1]! += short;
    heights[c.row] = Math.max(heights[c.row]!, c.lines.reduce((h, l) => h + lineHeight(l), 0) + 2 * CELL_Y);
  }
  const edges = (start: number, sizes: number[]) => {
    const at = [start];
    for (const size of sizes) at.push(at.at(-1)! + size);
    return at;
  };
  const xs = edges(x, widths);
  const ys = edges(y, heights);
  const parts: string[] = [];
  for (const c of laid) {
    const left = xs[c.col]!;
    const top = ys[c.row]!;
    const width = xs[c.col + c.span]! - left;
    parts.push(
      `<rect x="${left}" y="${top}" width="${width}" height="${heights[c.row]}" fill="${c.background}" stroke="${GRID}" stroke-width="1"/>`,
    );
    // A thick left border marks a row (a council served here): draw it as a bar.
    const css = computed(c.cell);
    const bar = Number.parseFloat(css.borderLeftWidth) || 0;
    const barColour = hexColour(css.borderLeftColor);
    if (bar >= 3 && barColour && css.borderLeftStyle !== 'none') {
      parts.push(`<rect x="${left}" y="${top}" width="${bar}" height="${heights[c.row]}" fill="${barColour}"/>`);
    }
    let lineTop = top + CELL_Y;
    for (const line of c.lines) {
      const height = lineHeight(line);
      drawPieces(parts, line, left + CELL_X + (bar >= 3 ? bar - 1 : 0), lineTop, height, c.background, measure);
      lineTop += height;
    }
  }
  // The headings apart from the figures, as on screen.
  const headRows = table.tHead?.rows.length ?? 0;
  if (headRows > 0) {
    parts.push(`<rect x="${x}" y="${ys[headRows]! - 1}" width="${xs[columns]! - x}" height="2" fill="${TEXT}"/>`);
  }
  const footRows = table.tFoot?.rows.length ?? 0;
  if (footRows > 0) {
    parts.push(
      `<rect x="${x}" y="${ys[rows.length - footRows]! - 1}" width="${xs[columns]! - x}" height="2" fill="${TEXT}"/>`,
    );
  }
  return { parts, width: xs[columns]! - x, height: ys[rows.length]! - y };
}

/**
 * Builds the image of the first table in `container` (or `container` itself when it is one), with
 * any list items in `container` outside the table as its key.
 */
export function buildTableSvg(container: Element, text: TableImageText): ChartImage {
  const table = container instanceof HTMLTableElement ? container : container.querySelector('table');
  if (!table) throw new Error('There is no table on screen to export.');
  const measure = textMeasure();
  // Laid out once at the origin to learn its size, then placed under the heading.
  const size = drawTable(table, 0, 0, measure);
  const width = Math.max(MIN_WIDTH, Math.ceil(size.width) + 2 * PAD);
  // Words above and below stay at a readable width, however wide the table.
  const readable = Math.min(width, 960);
  const canvas = new Canvas(width, measure);

  if (text.marking) canvas.marking(text.marking, readable);
  canvas.text(text.title, { size: 20, bold: true, gap: 2, maxWidth: readable });
  canvas.text(text.subtitle, { size: 15, colour: SECONDARY, gap: 6, maxWidth: readable });
  const caption = table.caption?.textContent?.replace(/\s+/g, ' ').trim();
  if (caption && caption !== text.subtitle)
    canvas.text(caption, { size: 13, colour: SECONDARY, gap: 6, maxWidth: readable });
  if (text.illustrative) {
    canvas.text(ILLUSTRATIVE_WORDS, { size: 13, bold: true, colour: ILLUSTRATIVE, gap: 6, maxWidth: readable });
  }
  // A list beside the table (the rug's key of shapes and quintiles) is its key: drawn in words.
  const key = [...container.querySelectorAll('li')]
    .filter((item) => !table.contains(item))
    .map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (key.length > 0) {
    canvas.text('Key', { size: 14, bold: true, gap: 2, maxWidth: readable });
    for (const item of key) canvas.text(item, { size: 13, gap: 2, maxWidth: readable });
    canvas.space(4);
  }
  canvas.space(6);
  const drawn = drawTable(table, PAD, canvas.y, measure);
  canvas.parts.push(...drawn.parts);
  canvas.space(drawn.height + 12);
  if (text.source) canvas.text(text.source, { size: 13, gap: 4, lead: 'Source:', maxWidth: readable });
  canvas.space(4);
  canvas.text(text.produced, { size: 12, colour: SECONDARY, gap: 6, maxWidth: readable });
  if (text.marking) canvas.marking(text.marking, readable);
  const height = Math.ceil(canvas.y + PAD - 10);

  return standaloneImage({
    width,
    height,
    idPrefix: 'table-image',
    title: text.title,
    description: [text.subtitle, text.marking, caption],
    parts: canvas.parts,
  });
}
