import type { RegionalExceptionsResponse, RegionalTableResponse, RegionalTrendResponse } from '@kpi/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { emptyKpisAnswer } from '../../testing/regionalFixtures';
import { renderApp } from '../../testing/renderApp';
import { recordRequests, signedInAs } from '../../testing/session';

const SOURCE = "DfE 'Children in need' statistics 2025, table C1: referrals and re-referrals";
const WM = { code: 'E12000005', name: 'West Midlands' };
const NW = { code: 'E12000002', name: 'North West' };
const COUNCILS: Array<[string, string, number | null, number]> = [
  // name, code, re-referral %, referrals per 10,000
  ['Birmingham', 'E08000025', 18.2, 510],
  ['Coventry', 'E08000026', 25.9, 420],
  ['Dudley', 'E08000027', null, 380],
  ['Sandwell', 'E08000028', 21.9, 640],
  ['Solihull', 'E08000029', 15.1, 300],
  ['Walsall', 'E08000030', 23.0, 470],
];

function tableFixture(region = WM): RegionalTableResponse {
  const measure = (
    code: string,
    label: string,
    unit: 'percent' | 'rate_per_10k',
    polarity: 'lower_is_better' | 'none',
    regionValue: number,
  ) => ({
    code,
    label,
    unit,
    precision: 1,
    polarity,
    timePeriod: '2025',
    sourceReleases: [SOURCE],
    region: { value: regionValue, symbol: null, displayValue: String(regionValue) },
    england: { value: 22.6, symbol: null, displayValue: '22.6' },
    councilsWithFigure: 5,
  });
  return {
    region,
    regions: [NW, WM],
    year: null,
    measures: [
      measure('re_referral_pct', 'Re-referrals within 12 months (%)', 'percent', 'lower_is_better', 21.4),
      measure('referrals_rate', 'Referrals per 10,000 children', 'rate_per_10k', 'none', 480),
    ],
    rows: COUNCILS.map(([name, areaCode, reReferral, referrals], i) => ({
      areaCode,
      name,
      laNumber: String(330 + i),
      servedHere: name === 'Sandwell',
      cells: [
        {
          measureCode: 're_referral_pct',
          value: reReferral,
          symbol: reReferral === null ? ('c' as const) : null,
          displayValue: reReferral === null ? 'c' : `${reReferral}%`,
          unit: 'percent' as const,
          timePeriod: '2025',
          sourceRelease: SOURCE,
          quintile: reReferral === null ? null : [2, 5, 0, 3, 1, 4][i]!,
          againstRegion:
            reReferral === null
              ? ('not_compared' as const)
              : reReferral < 20
                ? ('better' as const)
                : reReferral > 22.5
                  ? ('worse' as const)
                  : ('similar' as const),
          positionWords:
            reReferral === null
              ? 'Not ranked: the figure is suppressed (c).'
              : `Quintile ${[2, 5, 0, 3, 1, 4][i]} of 5. Position of ${name}.`,
        },
        {
          measureCode: 'referrals_rate',
          value: referrals,
          symbol: null,
          displayValue: String(referrals),
          unit: 'rate_per_10k' as const,
          timePeriod: '2025',
          sourceRelease: SOURCE,
          quintile: 3,
          againstRegion: referrals > 500 ? ('higher' as const) : ('similar' as const),
          positionWords:
            referrals > 500
              ? 'Quintile 3 of 5. Higher than West Midlands (not rated: no polarity).'
              : 'Quintile 3 of 5. Similar to West Midlands.',
        },
      ],
    })),
    sources: [SOURCE],
  };
}

const trendFixture: RegionalTrendResponse = {
  region: WM,
  measure: {
    code: 're_referral_pct',
    label: 'Re-referrals within 12 months (%)',
    unit: 'percent',
    precision: 1,
    polarity: 'lower_is_better',
  },
  periods: ['2024', '2025'],
  councils: COUNCILS.map(([name, areaCode, value]) => ({
    areaCode,
    name,
    laNumber: null,
    servedHere: name === 'Sandwell',
    points: [
      { timePeriod: '2024', value: 20, symbol: null },
      { timePeriod: '2025', value, symbol: value === null ? 'c' : null },
    ],
  })),
  regionLine: [
    { timePeriod: '2024', value: 20.9, symbol: null },
    { timePeriod: '2025', value: 21.4, symbol: null },
  ],
  englandLine: [
    { timePeriod: '2024', value: 22.4, symbol: null },
    { timePeriod: '2025', value: 22.6, symbol: null },
  ],
  sources: [SOURCE],
  summary:
    'Re-referrals within 12 months (%), 2024 to 2025, for 6 councils: the West Midlands figure went from 20.9% in 2024 to 21.4% in 2025 (England: 22.6% in 2025).',
};

const exceptionsFixture: RegionalExceptionsResponse = {
  region: WM,
  threshold: 20,
  year: null,
  exceptions: [
    {
      areaCode: 'E08000026',
      name: 'Coventry',
      laNumber: '331',
      servedHere: false,
      measureCode: 're_referral_pct',
      measureLabel: 'Re-referrals within 12 months (%)',
      timePeriod: '2025',
      value: 25.9,
      displayValue: '25.9%',
      regionValue: 21.4,
      regionDisplayValue: '21.4%',
      percentFromRegion: 21,
      judgement: 'worse',
      sentence: 'Coventry: 25.9%, 21.0% above West Midlands (21.4%), 2025: worse.',
    },
  ],
  sources: [SOURCE],
};

function answerAll() {
  const tables = recordRequests('/api/regional/table', (url) =>
    HttpResponse.json(tableFixture(url.searchParams.get('region') === NW.code ? NW : WM)),
  );
  const trends = recordRequests('/api/regional/trend', () => HttpResponse.json(trendFixture));
  const exceptions = recordRequests('/api/regional/exceptions', () => HttpResponse.json(exceptionsFixture));
  // The councils' own KPIs, further down the page: here, only this council, with no figures yet.
  const group = { id: null, name: 'Councils served here in the West Midlands' };
  recordRequests('/api/regional/kpi-rug', () =>
    HttpResponse.json({ group, month: null, columns: [], rows: [], illustrative: false, includesUnpublished: false }),
  );
  recordRequests('/api/regional/kpi-exceptions', () =>
    HttpResponse.json({
      group,
      threshold: 20,
      month: null,
      exceptions: [],
      illustrative: false,
      includesUnpublished: false,
    }),
  );
  recordRequests('/api/regional/kpis', (url) =>
    HttpResponse.json(emptyKpisAnswer(group, url.searchParams.get('code') ?? 'PI4')),
  );
  return { tables, trends, exceptions };
}

function rowNames(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('rowheader')
    .slice(0, COUNCILS.length)
    .map((cell) => cell.textContent?.replace('Served here', '').trim() ?? '');
}

describe('the Region page', () => {
  beforeEach(() => signedInAs('viewer'));

  it('is in the navigation for everyone signed in, and opens on the organisation’s region', async () => {
    const { tables } = answerAll();
    const { user, pathname } = renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Region' }));
    expect(pathname()).toBe('/region');
    expect(await screen.findByRole('heading', { level: 1, name: 'West Midlands: councils compared' })).toBeVisible();
    expect(tables[0]?.get('region')).toBeNull();
    expect(screen.getByLabelText('Region')).toHaveValue(WM.code);
  });

  it('shows the tartan rug as a table: captioned, headed, each position in words and as a shape, with a key and its source', async () => {
    answerAll();
    renderApp('/region');
    const table = await screen.findByRole('table', {
      name: /West Midlands: DfE’s published figures for its 6 councils/,
    });
    expect(
      within(table).getByRole('columnheader', { name: /Re-referrals within 12 months \(%\)\s*\(2025, %\)/ }),
    ).toBeVisible();
    // The unit in the words every export's headers use (shared UNIT_HEADER_WORDS): it read "per 10,000".
    expect(
      within(table).getByRole('columnheader', {
        name: /Referrals per 10,000 children\s*\(2025, rate per 10,000 children\)/,
      }),
    ).toBeVisible();
    const sandwell = within(table).getByRole('rowheader', { name: /Sandwell/ });
    expect(sandwell).toHaveTextContent('Served here');
    const row = sandwell.closest('tr')!;
    expect(row).toHaveTextContent('21.9%');
    expect(row).toHaveTextContent('Quintile 3 of 5. Position of Sandwell.');
    expect(row).toHaveTextContent('Higher than West Midlands (not rated: no polarity)');
    // The comparison's shape and word, not only a tint.
    const coventry = within(table).getByRole('rowheader', { name: 'Coventry' }).closest('tr')!;
    expect(within(coventry).getByText('▼')).toBeInTheDocument();
    expect(coventry).toHaveTextContent('Worse');
    const dudley = within(table).getByRole('rowheader', { name: 'Dudley' }).closest('tr')!;
    expect(dudley).toHaveTextContent('Not ranked: the figure is suppressed (c).');
    expect(within(table).getByRole('rowheader', { name: 'England' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Key', level: 3 })).toBeVisible();
    expect(screen.getAllByText(`Source: ${SOURCE}.`).length).toBeGreaterThan(0);
    expect(within(screen.getByRole('main')).queryByText(/illustrative/i)).toBeNull();
  });

  it('sorts by council name or by one measure, highest first, councils without a figure last', async () => {
    answerAll();
    const { user, searchParams } = renderApp('/region');
    const table = await screen.findByRole('table', { name: /councils/ });
    expect(rowNames(table)).toEqual(['Birmingham', 'Coventry', 'Dudley', 'Sandwell', 'Solihull', 'Walsall']);
    await user.selectOptions(screen.getByLabelText('Sort the table by'), 're_referral_pct');
    expect(searchParams().get('sort')).toBe('re_referral_pct');
    expect(rowNames(screen.getByRole('table', { name: /councils/ }))).toEqual([
      'Coventry',
      'Walsall',
      'Sandwell',
      'Birmingham',
      'Solihull',
      'Dudley',
    ]);
    expect(screen.getByRole('columnheader', { name: /Re-referrals/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('asks for another region when one is chosen', async () => {
    const { tables } = answerAll();
    const { user } = renderApp('/region');
    await screen.findByRole('heading', { level: 1, name: /West Midlands/ });
    await user.selectOptions(screen.getByLabelText('Region'), NW.code);
    expect(await screen.findByRole('heading', { level: 1, name: 'North West: councils compared' })).toBeVisible();
    expect(tables.at(-1)?.get('region')).toBe(NW.code);
  });

  it('charts one measure with a key, a one-sentence summary and its figures as a table', async () => {
    const { trends } = answerAll();
    renderApp('/region');
    expect(await screen.findByText(trendFixture.summary)).toBeVisible();
    expect(trends[0]?.get('measure')).toBe('re_referral_pct');
    expect(trends[0]?.get('region')).toBe(WM.code);
    const key = screen.getAllByRole('list').find((list) => within(list).queryByText(/thin grey lines/))!;
    expect(key).toHaveTextContent('West Midlands (dotted line, triangles)');
    expect(key).toHaveTextContent('Sandwell (served here: solid line, circles)');
    const figures = screen.getByRole('table', { name: /each council, the region and England by year/ });
    const region = within(figures).getByRole('rowheader', { name: 'West Midlands' }).closest('tr')!;
    expect(region).toHaveTextContent('20.9%');
    expect(region).toHaveTextContent('21.4%');
    expect(screen.getByRole('button', { name: 'PNG image of the chart' })).toBeVisible();
  });

  it('lists the exceptions, better or worse in words, with downloads of the table and the exceptions', async () => {
    const { exceptions } = answerAll();
    const { user } = renderApp('/region');
    expect(await screen.findByText(exceptionsFixture.exceptions[0]!.sentence)).toBeVisible();
    expect(exceptions[0]?.get('threshold')).toBe('20');
    expect(screen.getByRole('link', { name: /^CSV of the West Midlands table/ })).toHaveAttribute(
      'href',
      '/api/regional/table.csv?region=E12000005',
    );
    expect(screen.getByRole('button', { name: 'PNG image of the West Midlands table' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'SVG image of the West Midlands table' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Excel workbook of the West Midlands exceptions' })).toHaveAttribute(
      'href',
      '/api/regional/exceptions.xlsx?region=E12000005&threshold=20',
    );
    await user.selectOptions(screen.getByLabelText('More than this far from the regional figure'), '30');
    await waitFor(() => expect(exceptions.at(-1)?.get('threshold')).toBe('30'));
  });
});
