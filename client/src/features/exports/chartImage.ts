/**
 * A chart as a standalone image, drawn from the chart on screen: the rendered recharts SVG and the
 * figure's own key, source and notes (the same components as the screen), set under a title with
 * the organisation and period, any protective marking, and an illustrative-data warning. SVG as it
 * is; PNG by drawing that SVG onto a canvas at least twice the on-screen size, on white.
 */

export type ChartImageText = {
  /** "PI4 Single Assessments within 45 working days". */
  title: string;
  /** "Sandwell Metropolitan Borough Council · monthly figures, April 2020 to March 2021". */
  subtitle: string;
  /** "OFFICIAL-SENSITIVE – unpublished until 23 August 2021", or null when published. */
  marking: string | null;
  illustrative: boolean;
  /** "Produced 22 November 2026 from the Children's services KPI dashboard". */
  produced: string;
};

export type ChartImage = { svg: string; width: number; height: number };

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
export const TEXT = '#0b0c0c';
export const SECONDARY = '#505a5f';
const MARKING = '#b10e1e';
export const ILLUSTRATIVE = '#801650';
export const PAD = 24;
const MIN_WIDTH = 560;

export const ILLUSTRATIVE_WORDS =
  'Illustrative data: some figures were generated to demonstrate the dashboard. They are not real performance data and must not be quoted.';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type Measure = (text: string, size: number, bold?: boolean) => number;

/** Text widths from a canvas where there is one; an average glyph width otherwise (as in jsdom). */
export function textMeasure(): Measure {
  const context =
    typeof navigator !== 'undefined' && !/jsdom/i.test(navigator.userAgent)
      ? document.createElement('canvas').getContext('2d')
      : null;
  return (text, size, bold = false) => {
    if (!context) return text.length * size * (bold ? 0.6 : 0.55);
    context.font = `${bold ? 700 : 400} ${size}px ${FONT}`;
    return context.measureText(text).width;
  };
}

export function wrap(text: string, width: number, size: number, measure: Measure, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lays out blocks of text and drawings from the top down. */
export class Canvas {
  y = PAD;
  readonly parts: string[] = [];
  constructor(
    readonly width: number,
    private readonly measure: Measure,
  ) {}

  text(
    content: string,
    {
      size,
      bold = false,
      colour = TEXT,
      gap = 4,
      lead,
      maxWidth = this.width,
    }: { size: number; bold?: boolean; colour?: string; gap?: number; lead?: string; maxWidth?: number },
  ) {
    const lineHeight = Math.round(size * 1.3);
    wrap(content, Math.min(maxWidth, this.width) - 2 * PAD, size, this.measure, bold).forEach((line, i) => {
      this.y += lineHeight;
      // A bold lead-in on the first line: "Source:".
      const body =
        i === 0 && lead && line.startsWith(lead)
          ? `<tspan font-weight="700">${escapeXml(lead)}</tspan>${escapeXml(line.slice(lead.length))}`
          : escapeXml(line);
      this.parts.push(
        `<text x="${PAD}" y="${this.y - Math.round(size * 0.3)}" font-size="${size}"${bold ? ' font-weight="700"' : ''} fill="${colour}" xml:space="preserve">${body}</text>`,
      );
    });
    this.y += gap;
  }

  /** The marking in a box: across the image, or across its first `maxWidth` (a very wide table's). */
  marking(content: string, maxWidth = this.width) {
    const size = 14;
    const width = Math.min(maxWidth, this.width);
    const lines = wrap(content, width - 2 * PAD - 20, size, this.measure, true);
    const height = lines.length * 18 + 12;
    this.parts.push(
      `<rect x="${PAD}" y="${this.y}" width="${width - 2 * PAD}" height="${height}" fill="#ffffff" stroke="${MARKING}" stroke-width="2"/>`,
    );
    lines.forEach((line, i) => {
      this.parts.push(
        `<text x="${width / 2}" y="${this.y + 20 + i * 18}" text-anchor="middle" font-size="${size}" font-weight="700" fill="${MARKING}">${escapeXml(line)}</text>`,
      );
    });
    this.y += height + 10;
  }

  space(height: number) {
    this.y += height;
  }
}

/** An element as standalone SVG markup, without what only matters on screen. */
export function serialise(element: Element): string {
  return new XMLSerializer().serializeToString(element);
}

/** SVG presentation properties that can be written as attributes of the same name. */
const PRESENTATION_PROPERTIES = new Set([
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-weight',
  'text-anchor',
  'visibility',
  'display',
]);

/**
 * Moves inline `style` declarations onto presentation attributes and drops the rest (recharts
 * animates error bars with `transform: scaleY(1)`, an identity once drawn). A file with style
 * attributes breaks under a strict Content-Security-Policy (`style-src 'self'`) wherever it is
 * opened or parsed, including the page that made it.
 */
export function styleAsAttributes(root: Element): void {
  for (const element of [root, ...root.querySelectorAll('[style]')]) {
    const style = (element as SVGElement).style;
    if (!style) continue;
    for (let i = 0; i < style.length; i += 1) {
      const property = style.item(i);
      if (PRESENTATION_PROPERTIES.has(property) && !element.hasAttribute(property)) {
        element.setAttribute(property, style.getPropertyValue(property));
      }
    }
    element.removeAttribute('style');
  }
}

function cleanChart(chart: SVGSVGElement, x: number, y: number, width: number, height: number): SVGSVGElement {
  const clone = chart.cloneNode(true) as SVGSVGElement;
  styleAsAttributes(clone);
  for (const attribute of ['tabindex', 'role', 'focusable', 'aria-label', 'aria-labelledby', 'class']) {
    clone.removeAttribute(attribute);
  }
  clone.setAttribute('x', String(x));
  clone.setAttribute('y', String(y));
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.setAttribute('overflow', 'visible');
  // Hover and focus marks are not part of the figure.
  for (const transient of clone.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot')) transient.remove();
  // Links (a meeting's briefing) become plain groups: an image has nowhere to go.
  for (const link of [...clone.querySelectorAll('a')]) {
    const group = document.createElementNS(SVG_NS, 'g');
    while (link.firstChild) group.appendChild(link.firstChild);
    link.replaceWith(group);
  }
  for (const focusable of clone.querySelectorAll('[tabindex]')) focusable.removeAttribute('tabindex');
  return clone;
}

function numberAttribute(element: Element, name: 'width' | 'height', fallback: number): number {
  const value = Number.parseFloat(element.getAttribute(name) ?? '');
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Builds the image from a rendered figure: `.chart svg.recharts-surface` (once on screen), the key's
 * `.chart-key__list li` (or the SPC key's `.spc-key__item`) items and `.chart-key__note`, and `.figure__source` with its notes.
 */
export function buildChartSvg(figure: Element, text: ChartImageText): ChartImage {
  // not recharts' drawing while it is still being laid out unseen (TrendChart shows the plain chart meanwhile)
  const chart = [...figure.querySelectorAll<SVGSVGElement>('.chart svg.recharts-surface')].find(
    (surface) => surface.closest('.chart__drawing') === null,
  );
  if (!chart) throw new Error('There is no chart on screen to export.');
  const box = chart.getBoundingClientRect();
  const chartWidth = Math.round(numberAttribute(chart, 'width', box.width || 720));
  const chartHeight = Math.round(numberAttribute(chart, 'height', box.height || 380));
  const width = Math.max(MIN_WIDTH, chartWidth + 2 * PAD);
  const measure = textMeasure();
  const canvas = new Canvas(width, measure);

  if (text.marking) canvas.marking(text.marking);
  canvas.text(text.title, { size: 20, bold: true, gap: 2 });
  canvas.text(text.subtitle, { size: 15, colour: SECONDARY, gap: 6 });
  if (text.illustrative) canvas.text(ILLUSTRATIVE_WORDS, { size: 13, bold: true, colour: ILLUSTRATIVE, gap: 6 });

  // The key, above the chart: the figure's own swatches (the same SVG as the screen) and words.
  const items = [...figure.querySelectorAll('.chart-key__list li, .spc-key__item')];
  if (items.length > 0) {
    canvas.text('Key', { size: 14, bold: true, gap: 4 });
    let x = PAD;
    let rowHeight = 0;
    for (const item of items) {
      const swatch = item.querySelector('svg');
      const label = (item.textContent ?? '').replace(/\s+/g, ' ').trim();
      const swatchWidth = swatch ? numberAttribute(swatch, 'width', 28) : 0;
      const swatchHeight = swatch ? numberAttribute(swatch, 'height', 16) : 0;
      const itemWidth = swatchWidth + 6 + measure(label, 13) + 22;
      if (x > PAD && x + itemWidth > width - PAD) {
        canvas.space(Math.max(rowHeight, 18) + 6);
        x = PAD;
        rowHeight = 0;
      }
      const rowTop = canvas.y;
      if (swatch) {
        const copy = swatch.cloneNode(true) as SVGSVGElement;
        styleAsAttributes(copy);
        copy.removeAttribute('class');
        copy.removeAttribute('aria-hidden');
        copy.removeAttribute('focusable');
        copy.setAttribute('x', String(x));
        copy.setAttribute('y', String(rowTop + Math.max(0, (18 - swatchHeight) / 2)));
        canvas.parts.push(serialise(copy));
      }
      canvas.parts.push(
        `<text x="${x + swatchWidth + 6}" y="${rowTop + 14}" font-size="13" fill="${TEXT}">${escapeXml(label)}</text>`,
      );
      x += itemWidth;
      rowHeight = Math.max(rowHeight, swatchHeight);
    }
    canvas.space(Math.max(rowHeight, 18) + 8);
    const note = figure.querySelector('.chart-key__note')?.textContent?.trim();
    if (note) canvas.text(note, { size: 13, colour: SECONDARY, gap: 4 });
  }

  canvas.parts.push(serialise(cleanChart(chart, PAD, canvas.y, chartWidth, chartHeight)));
  canvas.space(chartHeight + 10);

  const source = figure.querySelector('.figure__source > p')?.textContent?.replace(/\s+/g, ' ').trim();
  if (source) canvas.text(source, { size: 13, gap: 4, lead: 'Source:' });
  const notes = [...figure.querySelectorAll('.figure__notes li')].map((li) => li.textContent?.trim() ?? '');
  notes.forEach((note, i) => {
    canvas.text(`${i + 1}. ${note}`, { size: 12, colour: SECONDARY, gap: 2 });
  });
  canvas.space(4);
  canvas.text(text.produced, { size: 12, colour: SECONDARY, gap: 6 });
  if (text.marking) canvas.marking(text.marking);
  const height = Math.ceil(canvas.y + PAD - 10);

  return standaloneImage({
    width,
    height,
    idPrefix: 'chart-image',
    title: text.title,
    description: [text.subtitle, text.marking, source],
    parts: canvas.parts,
  });
}

/** An exported image's whole SVG: on white, named by its title and described for screen readers. */
export function standaloneImage(image: {
  width: number;
  height: number;
  /** Ids of its title and description: `chart-image`, `table-image`. */
  idPrefix: string;
  title: string;
  /** Sentences of the description; empty ones are left out. */
  description: ReadonlyArray<string | null | undefined>;
  parts: readonly string[];
}): ChartImage {
  const { width, height, idPrefix } = image;
  const svg = [
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc">`,
    `<title id="${idPrefix}-title">${escapeXml(image.title)}</title>`,
    `<desc id="${idPrefix}-desc">${escapeXml(image.description.filter(Boolean).join('. '))}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...image.parts,
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The scale of a PNG: at least twice the on-screen size, more on a high-density screen. */
export function pngScale(): number {
  return Math.max(2, Math.ceil(typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1));
}

/**
 * Browsers refuse canvases past a size (Chrome and Firefox about 268 million pixels or 32,767 on a
 * side; Safari on iOS about 16.7 million) and return an empty image instead of failing. A big
 * image (a table of 153 councils) is drawn at a smaller scale to stay within 16,384 on a side and
 * 100 million pixels; one that still comes back empty is drawn again at half the scale.
 */
const MAX_SIDE = 16_384;
const MAX_PIXELS = 100_000_000;

export function cappedScale(image: { width: number; height: number }, scale: number): number {
  const bySide = MAX_SIDE / Math.max(image.width, image.height);
  const byArea = Math.sqrt(MAX_PIXELS / (image.width * image.height));
  return Math.min(scale, bySide, byArea);
}

/** Draws the SVG onto a white canvas at `scale` (capped) and returns the PNG as a data: URL. */
export async function svgToPngDataUrl(image: ChartImage, scale = pngScale()): Promise<string> {
  const img = new Image();
  img.src = svgDataUrl(image.svg);
  await img.decode();
  for (let s = cappedScale(image, scale); s >= 0.1; s /= 2) {
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.width * s));
    canvas.height = Math.max(1, Math.round(image.height * s));
    const context = canvas.getContext('2d');
    if (!context) continue;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(img, 0, 0, canvas.width, canvas.height);
    const png = canvas.toDataURL('image/png');
    // "data:," is a canvas the browser would not make.
    if (png.startsWith('data:image/png')) return png;
  }
  throw new Error('This browser cannot draw images this large.');
}

/** Saves a file from a data: or blob: address, as a download with its name. */
export function saveFile(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
