import type { SeriesResponse } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { api } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { pi4SeriesFixture } from '../../testing/seriesFixtures';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

const NOTE = 'Unpublished until the meeting on 22 October 2021.';

/**
 * PI4 as the server answers a viewer whose range runs into two months not published yet (August
 * and September 2021): no figure, and said as "Not published yet" with the meeting that will publish them.
 */
const series: SeriesResponse = {
  ...pi4SeriesFixture,
  points: pi4SeriesFixture.points.map((point) =>
    point.month >= '2021-08'
      ? {
          ...point,
          value: null,
          displayValue: 'Not published yet',
          status: 'no_data',
          provenance: null,
          observationStatus: null,
          revised: false,
          reason: `Not published yet. ${NOTE}`,
          band: null,
          publication: { published: false, note: NOTE },
        }
      : point,
  ),
  statusCounts: { green: 6, amber: 11, red: 4, no_data: 3 },
};

function rowFor(table: HTMLElement, month: string): HTMLElement {
  const row = within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByRole('rowheader')?.textContent === month);
  if (!row) throw new Error(`No row for ${month}`);
  return row;
}

describe('a KPI series that runs into months not published yet, for a viewer', () => {
  beforeEach(() => {
    signedInAs('viewer');
    server.use(http.get(api('/api/indicators/:code/series'), () => HttpResponse.json(series)));
  });

  it('says "Not published yet" for those months in the table, never "No data"', async () => {
    renderApp('/indicators/PI4?display=table');
    const table = await screen.findByRole('table', { name: /^PI4, monthly figures/ }, { timeout: 5_000 });
    for (const month of ['August 2021', 'September 2021']) {
      const row = rowFor(table, month);
      expect(row, month).toHaveTextContent('Not published yet');
      expect(row, month).not.toHaveTextContent('No data');
    }
    expect(rowFor(table, 'July 2021')).not.toHaveTextContent('Not published yet');
  });

  it('says in the chart’s summary which months are not published yet, apart from months with no figure', async () => {
    renderApp('/indicators/PI4');
    const figure = await screen.findByRole('figure', { name: /^PI4, / }, { timeout: 5_000 });
    const summary = figure.getAttribute('aria-describedby')
      ? document.getElementById(figure.getAttribute('aria-describedby')!)?.textContent
      : '';
    expect(summary).toMatch(/with no rated figure in 1 month; August 2021 to September 2021 are not published yet\./);
  });
});
