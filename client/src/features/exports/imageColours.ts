/** Colours read from the page for the table images: CSS colours as hex, and text that reads on its tint. */
import { TEXT } from './chartImage';

export const WHITE = '#ffffff';

/** "#dcefe5" from any CSS colour the browser computes ("rgb(220, 239, 229)"); null when see-through. */
export function hexColour(value: string | null | undefined): string | null {
  const v = (value ?? '').trim().toLowerCase();
  const short = v.match(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (v === 'white') return WHITE;
  const m = v.match(/^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
  if (alpha <= 0) return null;
  // A part-transparent tint, as it looks on white.
  const channel = (c: string) =>
    Math.round(Number(c) * alpha + 255 * (1 - alpha))
      .toString(16)
      .padStart(2, '0');
  return `#${channel(m[1]!)}${channel(m[2]!)}${channel(m[3]!)}`;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The text's own colour where it reads on its background (4.5:1), else near-black or white. */
export function readableOn(background: string, colour: string): string {
  if (contrast(colour, background) >= 4.5) return colour;
  return contrast(TEXT, background) >= contrast(WHITE, background) ? TEXT : WHITE;
}
