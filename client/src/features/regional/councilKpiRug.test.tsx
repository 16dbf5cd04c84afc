import type {
  RegionalExceptionsResponse,
  RegionalKpiExceptionsResponse,
  RegionalKpiRugResponse,
  RegionalTableResponse,
} from '@kpi/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterEach, vi } from 'vitest';
import { emptyKpisAnswer } from '../../testing/regionalFixtures';
import { renderApp } from '../../testing/renderApp';
import { recordRequests, signedInAs } from '../../testing/session';

const WM = { code: 'E12000005', name: 'West Midlands' };
const GROUP = { id: null, name: 'Councils served here in the region of Sandwell' };

const table: RegionalTableResponse = { region: WM, regions: [WM], year: null, measures: [], rows: [], sources: [] };
const dfeExceptions: RegionalExceptionsResponse = {
  region: WM,
  threshold: 20,
  year: null,
  exceptions: [],
  sources: [],
};
const oneKpi = emptyKpisAnswer(GROUP);

const cell = (overrides: Partial<RegionalKpiRugResponse['rows'][number]['cells'][number]>) => ({
  code: 'PI4',
  month: '2025-03',
  title: 'Single assessments within 45 working days',
  visible: true,
  notice: null,
  value: 62.1,
  symbol: null,
  displayValue: '62.1%',
  unit: 'percent' as const,
  precision: 1,
  rating: 'red' as const,
  ratingReason: 'Red: 62.1% is below the failure threshold of 70%.',
  againstGroup: 'worse' as const,
  positionWords: 'Worse than the group average.',
  unpublished: false,
  illustrative: true,
  ...overrides,
});

const rug: RegionalKpiRugResponse = {
  group: GROUP,
  month: null,
  columns: [
    {
      code: 'PI4',
      title: 'Single assessments within 45 working days',
      month: '2025-03',
      polarity: 'higher_is_better',
      unit: 'percent',
      precision: 1,
      groupAverage: { value: 81, displayValue: '81.0%', councils: 1 },
      councilsWithKpi: 3,
    },
  ],
  rows: [
    { areaCode: 'E08000027', name: 'Dudley', cells: [cell({})] },
    {
      areaCode: 'E08000028',
      name: 'Sandwell',
      cells: [cell({ value: 99.9, displayValue: '99.9%', rating: 'green', againstGroup: 'better' })],
    },
    {
      areaCode: 'E08000030',
      name: 'Walsall',
      cells: [
        cell({
          visible: false,
          notice: 'Not yet published',
          value: null,
          displayValue: null,
          rating: null,
          ratingReason: null,
          againstGroup: null,
          positionWords: null,
          illustrative: false,
        }),
      ],
    },
  ],
  illustrative: true,
  includesUnpublished: false,
};

const kpiExceptions: RegionalKpiExceptionsResponse = {
  group: GROUP,
  threshold: 20,
  month: null,
  exceptions: [
    {
      areaCode: 'E08000027',
      name: 'Dudley',
      code: 'PI4',
      title: 'Single assessments within 45 working days',
      month: '2025-03',
      value: 62.1,
      displayValue: '62.1%',
      unit: 'percent',
      precision: 1,
      groupAverage: 81,
      groupAverageDisplay: '81.0%',
      percentFromAverage: -23.3,
      judgement: 'worse',
      sentence: 'Dudley: PI4 62.1% in March 2025, 23.3% below the group average (81.0%): worse.',
      unpublished: false,
      illustrative: false,
    },
  ],
  illustrative: false,
  includesUnpublished: false,
};

/** Catches the downloads the page starts (a link clicked with `download`), instead of navigating. */
function catchDownloads() {
  const saved: { href: string; name: string }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (this.download) saved.push({ href: this.href, name: this.download });
  });
  return saved;
}

/** The files the page hands to the browser as blob: addresses. */
function catchBlobs() {
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:http://localhost/${blobs.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  return blobs;
}

/** A blob's bytes: jsdom's Blob has no arrayBuffer(), its FileReader reads one. */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

const imageDecode = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'decode');

afterEach(() => {
  vi.restoreAllMocks();
  if (imageDecode) Object.defineProperty(HTMLImageElement.prototype, 'decode', imageDecode);
  else Reflect.deleteProperty(HTMLImageElement.prototype, 'decode');
});

function answerAll(kpiRug: RegionalKpiRugResponse = rug) {
  recordRequests('/api/regional/table', () => HttpResponse.json(table));
  recordRequests('/api/regional/exceptions', () => HttpResponse.json(dfeExceptions));
  recordRequests('/api/regional/kpis', () => HttpResponse.json(oneKpi));
  const rugs = recordRequests('/api/regional/kpi-rug', () => HttpResponse.json(kpiRug));
  const exceptions = recordRequests('/api/regional/kpi-exceptions', (url) =>
    HttpResponse.json({ ...kpiExceptions, threshold: Number(url.searchParams.get('threshold')) }),
  );
  return { rugs, exceptions };
}

describe("the Region page's councils' own KPIs rug", () => {
  beforeEach(() => signedInAs('viewer'));

  it('shows each rating as an icon and its word, never colour alone, and a hidden month in words', async () => {
    answerAll();
    renderApp('/region');
    // The page's code loads on first use: give it time on a busy machine.
    const rugTable = await screen.findByRole('table', { name: /each council’s own contract KPIs/ }, { timeout: 5000 });
    expect(
      within(rugTable).getByRole('columnheader', { name: /PI4.*Single assessments.*average 81\.0%/ }),
    ).toBeVisible();
    const dudley = within(rugTable).getByRole('rowheader', { name: 'Dudley' }).closest('tr')!;
    expect(dudley).toHaveTextContent('62.1%');
    expect(within(dudley).getByText('Red')).toBeVisible();
    expect(dudley).toHaveTextContent('Worse');
    expect(dudley).toHaveTextContent('Illustrative data');
    const sandwell = within(rugTable).getByRole('rowheader', { name: 'Sandwell' }).closest('tr')!;
    expect(within(sandwell).getByText('Green')).toBeVisible();
    expect(sandwell).toHaveTextContent('Better');
    const walsall = within(rugTable).getByRole('rowheader', { name: 'Walsall' }).closest('tr')!;
    expect(walsall).toHaveTextContent('Not yet published');
    expect(walsall).not.toHaveTextContent('%');
    expect(screen.getByRole('heading', { name: 'Important: some figures are illustrative' })).toBeVisible();
    expect(screen.getByRole('link', { name: /^CSV of the councils’ KPIs/ })).toHaveAttribute(
      'href',
      '/api/regional/kpi-rug.csv',
    );
  });

  it('lists the figures far from the group average in words, and asks again with another threshold', async () => {
    const { exceptions } = answerAll();
    const { user } = renderApp('/region');
    expect(await screen.findByText(kpiExceptions.exceptions[0]!.sentence)).toBeVisible();
    expect(screen.getByText('1 figure is more than 20% from the group average.')).toBeVisible();
    expect(exceptions[0]?.get('threshold')).toBe('20');
    expect(screen.getByRole('link', { name: 'Excel workbook of the councils’ KPI exceptions' })).toHaveAttribute(
      'href',
      '/api/regional/kpi-exceptions.xlsx?threshold=20',
    );
    await user.selectOptions(screen.getByLabelText('More than this far from the group average'), '30');
    await waitFor(() => expect(exceptions.at(-1)?.get('threshold')).toBe('30'));
  });

  it('downloads the rug as a PNG image drawn from the table on screen', async () => {
    answerAll();
    const saved = catchDownloads();
    const blobs = catchBlobs();
    // jsdom draws no images: the canvas stands in, and the test reads what it was asked to draw.
    const drawn: string[] = [];
    Object.defineProperty(HTMLImageElement.prototype, 'decode', {
      configurable: true,
      value(this: HTMLImageElement) {
        drawn.push(this.src);
        return Promise.resolve();
      },
    });
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
      fillRect: () => undefined,
      drawImage: () => undefined,
    } as unknown as CanvasRenderingContext2D);
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,iVBORw0KGgo=');
    const { user } = renderApp('/region');
    await screen.findByRole('table', { name: /each council’s own contract KPIs/ }, { timeout: 5000 });

    // Two buttons a reader can tell apart on screen: "PNG | SVG", not "PNGSVG".
    const row = screen.getByRole('button', { name: 'PNG image of the contract KPIs table' }).closest('p')!;
    const shown = row.cloneNode(true) as HTMLElement;
    for (const hidden of shown.querySelectorAll('.visually-hidden')) hidden.remove();
    // (the separator's spacing is its CSS margin)
    expect(shown.textContent?.replace(/\s+/g, ' ').trim()).toMatch(/^Download table: PNG ?\| ?SVG$/);

    await user.click(screen.getByRole('button', { name: 'PNG image of the contract KPIs table' }));
    expect(await screen.findByText(/^Downloaded region-kpi-rug-councils-served-here-.*\.png\.$/)).toBeVisible();
    expect(saved).toEqual([
      { href: 'blob:http://localhost/1', name: 'region-kpi-rug-councils-served-here-in-the-region-of-sandwell.png' },
    ]);
    // The canvas's PNG, as bytes: a big one as a data: address would be too long for Chrome to save.
    expect(blobs[0]!.type).toBe('image/png');
    expect([...(await bytesOf(blobs[0]!))]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svg = decodeURIComponent(drawn[0]!.replace('data:image/svg+xml;charset=utf-8,', ''));
    for (const word of ['Dudley', '62.1%', 'Red', 'Worse', 'Green', 'Better', 'Not yet published', '81.0%']) {
      expect(svg).toContain(word);
    }
    expect(svg).toContain('Illustrative data: some figures were generated');
    expect(svg).not.toContain('OFFICIAL-SENSITIVE');
  });

  it('marks the rug’s image when it holds a month its council has not published', async () => {
    answerAll({ ...rug, includesUnpublished: true });
    const saved = catchDownloads();
    const blobs = catchBlobs();
    const { user } = renderApp('/region');
    await screen.findByRole('table', { name: /each council’s own contract KPIs/ }, { timeout: 5000 });

    await user.click(screen.getByRole('button', { name: 'SVG image of the contract KPIs table' }));
    expect(await screen.findByText(/^Downloaded region-kpi-rug-.*\.svg\.$/)).toBeVisible();
    expect(saved[0]!.href).toBe('blob:http://localhost/1');
    expect(blobs[0]!.type).toBe('image/svg+xml');
    const svg = new TextDecoder().decode(await bytesOf(blobs[0]!));
    const words = [...new DOMParser().parseFromString(svg, 'image/svg+xml').querySelectorAll('text')]
      .map((t) => t.textContent)
      .join(' ');
    expect(words.split('OFFICIAL-SENSITIVE – holds figures not yet published by their council')).toHaveLength(3);
    expect(words).toContain('Councils’ own contract KPIs: Councils served here in the region of Sandwell');
  });
});
