import type { BoardPackRequest, ChartExportRequest } from '@kpi/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, vi } from 'vitest';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { scorecardFixture } from '../../testing/scorecardFixtures';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

/** Catches the downloads the page starts (a link clicked with `download`), instead of navigating. */
function catchDownloads() {
  const saved: { href: string; name: string }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (this.download) saved.push({ href: this.href, name: this.download });
  });
  return saved;
}

function decodeSvg(href: string): string {
  const prefix = 'data:image/svg+xml;charset=utf-8,';
  expect(href.startsWith(prefix)).toBe(true);
  return decodeURIComponent(href.slice(prefix.length));
}

const MARKING = 'OFFICIAL-SENSITIVE – unpublished until 23 August 2021';

afterEach(() => vi.restoreAllMocks());

describe('exports on the KPI page', () => {
  let chartRequests: ChartExportRequest[];

  beforeEach(() => {
    chartRequests = [];
    server.use(
      http.post(api('/api/exports/indicators/:code/chart'), async ({ request }) => {
        chartRequests.push((await request.json()) as ChartExportRequest);
        return HttpResponse.json({
          fileName: 'PI4-single-assessments-within-45-2021-09.svg',
          organisation: 'Sandwell',
          marking: { text: MARKING, until: '2021-08-23' },
          producedAt: '2021-10-05T09:00:00.000Z',
        });
      }),
    );
  });

  it('offers the data for the period and view shown as CSV and Excel', async () => {
    signedInAs('viewer');
    renderApp('/indicators/PI4');
    await screen.findByRole('figure', { name: /^PI4, / }, { timeout: 8000 });
    const csv = screen.getByRole('link', { name: /^CSV of PI4, monthly figures/ });
    const xlsx = screen.getByRole('link', { name: /^Excel workbook of PI4, monthly figures/ });
    expect(csv).toHaveAttribute('href', '/api/exports/indicators/PI4/series.csv?from=2019-10&to=2021-09&view=monthly');
    expect(xlsx).toHaveAttribute(
      'href',
      '/api/exports/indicators/PI4/series.xlsx?from=2019-10&to=2021-09&view=monthly',
    );
    expect(csv).toHaveAttribute('download');
    expect(
      screen.getByRole('link', { name: /^Notes \(CSV\) with the sources, for PI4, monthly figures/ }),
    ).toHaveAttribute(
      'href',
      '/api/exports/indicators/PI4/series.csv?from=2019-10&to=2021-09&view=monthly&table=notes',
    );
  });

  it('downloads the chart on screen as a standalone SVG with title, key, source and marking', async () => {
    signedInAs('viewer');
    const saved = catchDownloads();
    const { user } = renderApp('/indicators/PI4');
    await screen.findByRole('figure', { name: /^PI4, / }, { timeout: 8000 });

    await user.click(screen.getByRole('button', { name: 'SVG image of the chart' }));
    expect(await screen.findByText('Downloaded PI4-single-assessments-within-45-2021-09.svg.')).toBeVisible();
    expect(chartRequests).toEqual([{ format: 'svg', chart: 'trend', from: '2019-10', to: '2021-09', view: 'monthly' }]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('PI4-single-assessments-within-45-2021-09.svg');

    const svg = decodeSvg(saved[0]!.href);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const text = [...doc.querySelectorAll('text')].map((t) => t.textContent).join('\n');
    expect(doc.querySelector('title')?.textContent).toBe('PI4 Single Assessments within 45 working days');
    expect(text).toContain('Sandwell · monthly figures, October 2019 to September 2021');
    expect(text.match(/OFFICIAL-SENSITIVE – unpublished until 23 August 2021/g)).toHaveLength(2);
    expect(text).toMatch(/Illustrative data/);
    expect(text).toContain('Sandwell (solid line, circles)');
    expect(text).toContain('England (dash-dot line, diamonds)');
    expect(text).toMatch(/Source:/);
    expect(text).toMatch(/Produced 5 October 2021/);
    // The chart itself is the one on screen: its bands and lines, without links or focus stops.
    expect(doc.querySelectorAll('.recharts-line').length).toBeGreaterThan(0);
    expect(doc.querySelectorAll('.chart-band').length).toBeGreaterThan(0);
    expect(svg).not.toContain('tabindex');
    expect(doc.querySelector('a')).toBeNull();
  });

  it('downloads the SPC chart as its own image, with its key and a file name of its own', async () => {
    signedInAs('viewer');
    const saved = catchDownloads();
    const { user } = renderApp('/indicators/PI4');
    await screen.findByRole('figure', { name: /^PI4 SPC chart/ }, { timeout: 8000 });

    await user.click(screen.getByRole('button', { name: 'SVG image of the SPC chart' }));
    expect(await screen.findByText('Downloaded PI4-single-assessments-within-45-2021-09.svg.')).toBeVisible();
    expect(chartRequests).toEqual([{ format: 'svg', chart: 'spc', from: '2019-10', to: '2021-09', view: 'monthly' }]);
    const doc = new DOMParser().parseFromString(decodeSvg(saved[0]!.href), 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelector('title')?.textContent).toBe(
      'PI4 Single Assessments within 45 working days: statistical process control chart',
    );
    const text = [...doc.querySelectorAll('text')].map((t) => t.textContent).join('\n');
    expect(text).toContain('Common cause (circle)');
    expect(text).toContain('Process limits (dashed)');
    expect(text.match(/OFFICIAL-SENSITIVE – unpublished until 23 August 2021/g)).toHaveLength(2);
  });

  it('says why the chart cannot be downloaded while the table is shown', async () => {
    signedInAs('viewer');
    renderApp('/indicators/PI4?display=table');
    await screen.findByRole('figure', { name: /^PI4, / }, { timeout: 8000 });
    expect(screen.getByText('Show the chart to download it as an image.')).toBeVisible();
    expect(screen.queryByRole('button', { name: /image of the chart/ })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^CSV of PI4/ })).toBeVisible();
  });

  it('reports a refused export in words', async () => {
    signedInAs('viewer');
    server.use(
      http.post(api('/api/exports/indicators/:code/chart'), () =>
        problemResponse({ ...problemFixture(403, 'Forbidden'), detail: 'The figures are not published yet.' }),
      ),
    );
    const saved = catchDownloads();
    const { user } = renderApp('/indicators/PI4');
    await screen.findByRole('figure', { name: /^PI4, / }, { timeout: 8000 });
    await user.click(screen.getByRole('button', { name: 'PNG image of the chart' }));
    expect(
      await screen.findByText('The chart could not be downloaded: The figures are not published yet.'),
    ).toBeVisible();
    expect(saved).toEqual([]);
  });
});

describe('data downloads on the scorecard and the briefing', () => {
  it('links the scorecard month as CSV and Excel', async () => {
    signedInAs('viewer');
    renderApp('/scorecard?month=2021-03');
    await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' });
    expect(screen.getByRole('link', { name: 'CSV of the scorecard for March 2021' })).toHaveAttribute(
      'href',
      '/api/exports/scorecard.csv?month=2021-03',
    );
    expect(screen.getByRole('link', { name: 'Excel workbook of the scorecard for March 2021' })).toHaveAttribute(
      'href',
      '/api/exports/scorecard.xlsx?month=2021-03',
    );
    // A CSV holds one tidy table: the trends and the notes are files of their own.
    expect(screen.getByRole('link', { name: 'Trends (CSV) for the scorecard for March 2021' })).toHaveAttribute(
      'href',
      '/api/exports/scorecard.csv?month=2021-03&table=trends',
    );
    expect(
      screen.getByRole('link', { name: 'Notes (CSV) with the sources, for the scorecard for March 2021' }),
    ).toHaveAttribute('href', '/api/exports/scorecard.csv?month=2021-03&table=notes');
  });

  it('links the briefing as CSV and Excel', async () => {
    signedInAs('viewer');
    renderApp('/meetings/1');
    await screen.findByRole('heading', { level: 1, name: /^Briefing for the meeting on/ });
    expect(screen.getByRole('link', { name: /^CSV of the briefing for the meeting on/ })).toHaveAttribute(
      'href',
      '/api/exports/meetings/1/briefing.csv',
    );
    expect(screen.getByRole('link', { name: /^Excel workbook of the briefing/ })).toHaveAttribute(
      'href',
      '/api/exports/meetings/1/briefing.xlsx',
    );
    expect(screen.getByRole('link', { name: /^How the council compares \(CSV\) for the briefing/ })).toHaveAttribute(
      'href',
      '/api/exports/meetings/1/briefing.csv?table=comparators',
    );
    expect(screen.getByRole('link', { name: /^Notes \(CSV\) with the sources, for the briefing/ })).toHaveAttribute(
      'href',
      '/api/exports/meetings/1/briefing.csv?table=notes',
    );
  });
});

describe('board pack page', () => {
  let packRequests: BoardPackRequest[];

  beforeEach(() => {
    packRequests = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:http://localhost/pack');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    server.use(
      http.post(api('/api/exports/board-pack'), async ({ request }) => {
        const body = (await request.json()) as BoardPackRequest;
        packRequests.push(body);
        return new HttpResponse(new Uint8Array([0x25, 0x50, 0x44, 0x46]), {
          headers: {
            'Content-Type': 'application/pdf',
            'Content-Disposition': `attachment; filename="board-pack-${body.month}.${body.format}"`,
          },
        });
      }),
    );
  });

  it('is in the navigation for analysts, commissioners and administrators, not viewers', async () => {
    signedInAs('analyst');
    const first = renderApp('/');
    expect(await screen.findByRole('link', { name: 'Board pack' })).toHaveAttribute('href', '/board-pack');
    first.unmount();
    signedInAs('viewer');
    renderApp('/');
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByRole('link', { name: 'Board pack' })).not.toBeInTheDocument();
  });

  it('chooses every KPI in force by default and downloads the pack in the chosen format', async () => {
    signedInAs('analyst');
    const saved = catchDownloads();
    const { user } = renderApp('/board-pack?month=2021-03');
    expect(await screen.findByRole('heading', { level: 1, name: 'Board pack' })).toBeVisible();
    const kpis = await screen.findByRole('group', {
      name: /^KPIs in Service Delivery Contract KPIs \(2018\), March 2021/,
    });
    const boxes = within(kpis).getAllByRole('checkbox');
    expect(boxes).toHaveLength(scorecardFixture.items.length);
    for (const box of boxes) expect(box).toBeChecked();

    await user.click(within(kpis).getByRole('checkbox', { name: /^PI2 / }));
    await user.click(screen.getByRole('radio', { name: /^Word document/ }));
    await user.click(screen.getByRole('button', { name: 'Download the board pack' }));

    expect(await screen.findByText('Downloaded board-pack-2021-03.docx.')).toBeVisible();
    expect(packRequests).toEqual([
      {
        month: '2021-03',
        format: 'docx',
        kpiCodes: scorecardFixture.items.map((item) => item.code).filter((code) => code !== 'PI2'),
      },
    ]);
    expect(saved).toEqual([{ href: 'blob:http://localhost/pack', name: 'board-pack-2021-03.docx' }]);
  });

  it('asks for at least one KPI', async () => {
    signedInAs('commissioner');
    const { user } = renderApp('/board-pack?month=2021-03');
    await screen.findByRole('group', { name: /^KPIs in / });
    await user.click(screen.getByRole('button', { name: 'Clear the choice' }));
    await user.click(screen.getByRole('button', { name: 'Download the board pack' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose at least one KPI' })).toBeVisible();
    await waitFor(() => expect(summary).toHaveFocus());
    expect(packRequests).toEqual([]);
  });

  it('shows what went wrong when the pack cannot be made', async () => {
    signedInAs('admin');
    server.use(
      http.post(api('/api/exports/board-pack'), () =>
        problemResponse({ ...problemFixture(400, 'Bad request'), detail: 'PI2 is not in the KPI set in force.' }),
      ),
    );
    const { user } = renderApp('/board-pack?month=2021-03');
    await screen.findByRole('group', { name: /^KPIs in / });
    await user.click(screen.getByRole('button', { name: 'Download the board pack' }));
    expect(await screen.findByText('PI2 is not in the KPI set in force.')).toBeVisible();
  });
});
