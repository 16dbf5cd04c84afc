import { describe, expect, it } from 'vitest';
import { hexColour, readableOn } from './imageColours';
import { buildTableSvg } from './tableImage';

const TEXT = {
  title: 'Councils’ own contract KPIs',
  subtitle: 'March 2025',
  marking: null,
  illustrative: false,
  produced: 'Produced 6 December 2026',
  source: 'Source: each council’s monthly contract return.',
};
const MARKING = 'OFFICIAL-SENSITIVE – holds figures not yet published by their council';

/** A small rug as the page draws it: tinted cells, a tag with its icon, words only screen readers hear. */
function rug(): HTMLElement {
  const section = document.createElement('section');
  section.innerHTML = `<table>
    <caption>Each council’s own contract KPIs</caption>
    <thead><tr>
      <th scope="col">Council</th>
      <th scope="col">PI4<span style="display: block; font-weight: 400">Single assessments within 45 working days</span></th>
      <th scope="col">PI7<span style="display: block; font-weight: 400">Mar 2025 · average 12.0</span></th>
    </tr></thead>
    <tbody>
      <tr><th scope="row">Dudley</th>
        <td style="background-color: #f9dcd7"><span style="display: block">62.1%</span><strong class="status-tag" style="background-color: #d4351c; color: #ffffff"><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="7" fill="currentColor"/></svg>Red</strong><span class="visually-hidden"> Red: below the failure threshold of 70%.</span><span style="display: block"><span aria-hidden="true">▼</span> Worse</span></td>
        <td style="background-color: rgb(220, 239, 229)"><span style="display: block">9.0</span><span style="display: block">▲ Better</span></td>
      </tr>
      <tr><th scope="row">Walsall Metropolitan Borough Council</th>
        <td>Not yet published</td>
        <td><span aria-hidden="true"><span style="background-color: #0b0c0c"></span><span></span></span> Q1</td>
      </tr>
    </tbody>
  </table>`;
  return section;
}

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.querySelector('parsererror')).toBeNull();
  return doc;
}

const texts = (doc: Document) => [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '');
const number = (element: Element, name: string) => Number(element.getAttribute(name));

describe('a table as a standalone image', () => {
  it('draws every visible word of every cell, and none only a screen reader hears', () => {
    const doc = parse(buildTableSvg(rug(), TEXT).svg);
    const words = texts(doc).join('\n');
    const joined = texts(doc).join(' ');
    for (const word of [
      'Council',
      'PI4',
      'PI7',
      'Mar 2025 · average 12.0',
      'Dudley',
      '62.1%',
      'Red',
      '▼ Worse',
      '9.0',
      '▲ Better',
      'Walsall Metropolitan Borough Council',
      'Not yet published',
      'Q1',
      'Each council’s own contract KPIs',
      'Councils’ own contract KPIs',
      'Source: each council’s monthly contract return.',
      'Produced 6 December 2026',
    ]) {
      expect(joined).toContain(word);
    }
    // A long heading wraps within its column rather than widening it.
    expect(words).toMatch(/Single assessments[^\n]*\n[^\n]*working days/);
    expect(words).not.toContain('failure threshold');
    expect(words).not.toContain('OFFICIAL-SENSITIVE');
    expect(words).not.toContain('Illustrative data');
  });

  it('keeps each cell’s tint, the tag’s colour with its icon, and text that reads on it', () => {
    const doc = parse(buildTableSvg(rug(), TEXT).svg);
    const fills = [...doc.querySelectorAll('rect')].map((r) => r.getAttribute('fill'));
    expect(fills).toContain('#f9dcd7');
    expect(fills).toContain('#dcefe5');
    expect(fills).toContain('#d4351c');
    const red = [...doc.querySelectorAll('text')].find((t) => t.textContent === 'Red')!;
    expect(red.getAttribute('fill')).toBe('#ffffff');
    expect(doc.querySelector('svg svg circle')?.getAttribute('fill')).toBe('currentColor');
    expect(doc.querySelector('svg svg')?.getAttribute('color')).toBe('#ffffff');
    // The meter: a filled box and an empty one.
    expect(doc.querySelectorAll('rect[width="5"]')).toHaveLength(2);
  });

  it('gives each column room for its words: cells side by side, every word inside its cell', () => {
    const doc = parse(buildTableSvg(rug(), TEXT).svg);
    const cells = [...doc.querySelectorAll('rect[stroke="#b1b4b6"]')];
    expect(cells).toHaveLength(9);
    for (let row = 0; row < 3; row += 1) {
      const inRow = cells.slice(row * 3, row * 3 + 3);
      for (let i = 1; i < inRow.length; i += 1) {
        expect(number(inRow[i]!, 'x')).toBeGreaterThanOrEqual(
          number(inRow[i - 1]!, 'x') + number(inRow[i - 1]!, 'width'),
        );
      }
    }
    for (const text of doc.querySelectorAll('text')) {
      const x = number(text, 'x');
      const y = number(text, 'y');
      const cell = cells.find(
        (c) =>
          x >= number(c, 'x') &&
          x < number(c, 'x') + number(c, 'width') &&
          y > number(c, 'y') &&
          y < number(c, 'y') + number(c, 'height'),
      );
      if (!cell) continue; // the title, caption and footer lines
      const size = number(text, 'font-size');
      // jsdom has no canvas to measure with: the builder's estimate is at most 0.6 of the size a character.
      const estimate = (text.textContent ?? '').length * size * 0.55;
      expect(x + estimate).toBeLessThanOrEqual(number(cell, 'x') + number(cell, 'width'));
    }
  });

  it('marks a table holding unpublished figures at the top and the foot, and says when it is illustrative', () => {
    const { svg, width } = buildTableSvg(rug(), { ...TEXT, marking: MARKING, illustrative: true });
    const words = texts(parse(svg)).join(' ');
    expect(words.split(MARKING)).toHaveLength(3);
    expect(words.startsWith(MARKING)).toBe(true);
    expect(words).toMatch(/Illustrative data: some figures were generated/);
    expect(width).toBeGreaterThanOrEqual(560);
  });

  it('draws a list beside the table as its key, in words', () => {
    const container = rug();
    container.insertAdjacentHTML(
      'afterbegin',
      '<ul><li><span aria-hidden="true">▲</span> Better: better than the regional figure</li></ul>',
    );
    const words = texts(parse(buildTableSvg(container, TEXT).svg));
    expect(words).toContain('Key');
    expect(words).toContain('▲ Better: better than the regional figure');
    expect(texts(parse(buildTableSvg(rug(), TEXT).svg))).not.toContain('Key');
  });

  it('refuses a container with no table', () => {
    expect(() => buildTableSvg(document.createElement('div'), TEXT)).toThrow('There is no table on screen to export.');
  });
});

describe('colours in the image', () => {
  it('reads computed CSS colours as hex, see-through as none', () => {
    expect(hexColour('rgb(220, 239, 229)')).toBe('#dcefe5');
    expect(hexColour('#FFF')).toBe('#ffffff');
    expect(hexColour('rgba(0, 0, 0, 0)')).toBeNull();
    expect(hexColour('transparent')).toBeNull();
    expect(hexColour('rgba(0, 0, 0, 0.5)')).toBe('#808080');
  });

  it('keeps a colour that reads on its background, else the better of near-black and white', () => {
    expect(readableOn('#dcefe5', '#0b0c0c')).toBe('#0b0c0c');
    expect(readableOn('#d4351c', '#ffffff')).toBe('#ffffff');
    expect(readableOn('#0b0c0c', '#505a5f')).toBe('#ffffff');
    expect(readableOn('#ffdd00', '#ffffff')).toBe('#0b0c0c');
  });
});
