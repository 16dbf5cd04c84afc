import type { IndicatorAdmin } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { api } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { pi4Detail, pi4SeriesFixture } from '../../testing/seriesFixtures';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

const DIFFERENCE =
  "The contract counts permanent front-line posts only; DfE's rate is for all children and family social workers at 30 September.";

describe('a KPI whose definition differs from DfE’s measure', () => {
  it('says so on the KPI page: under the chart and in the About section', async () => {
    const indicator = { ...pi4Detail, comparatorDifference: DIFFERENCE };
    server.use(
      http.get(api('/api/indicators/:code'), () => HttpResponse.json(indicator)),
      http.get(api('/api/indicators/:code/series'), () => HttpResponse.json({ ...pi4SeriesFixture, indicator })),
    );
    signedInAs('viewer');
    renderApp('/indicators/PI4');
    const figure = await screen.findByRole('figure', { name: /^PI4, / }, { timeout: 5_000 });
    const notes = within(figure).getByRole('heading', { name: 'Notes' }).nextElementSibling as HTMLElement;
    expect(within(notes).getByText(/^PI4’s monthly figures are not the measure DfE publishes: /)).toHaveTextContent(
      `PI4’s monthly figures are not the measure DfE publishes: ${DIFFERENCE} They are drawn beside DfE’s lines but not judged against them`,
    );
    const about = await screen.findByRole('region', { name: 'About PI4' });
    const row = within(about).getByText('DfE’s comparator differs').parentElement as HTMLElement;
    expect(row).toHaveTextContent(DIFFERENCE);
    expect(row).toHaveTextContent('not judged better or worse than DfE’s');
  });

  it('says nothing of the kind where the definitions agree', async () => {
    signedInAs('viewer');
    renderApp('/indicators/PI4');
    const figure = await screen.findByRole('figure', { name: /^PI4, / }, { timeout: 5_000 });
    expect(figure).not.toHaveTextContent(/not the measure DfE publishes/);
    expect(screen.queryByText('DfE’s comparator differs')).toBeNull();
  });
});

describe('the indicator form: how DfE’s comparator differs', () => {
  const PI13: IndicatorAdmin = {
    code: 'PI13',
    title: 'The vacancy rate of permanent front line Social Workers',
    shortTitle: null,
    definition: 'The vacancy rate of permanent front-line social worker posts.',
    whyItMatters: 'A stable workforce.',
    theme: 'workforce',
    unit: 'percent',
    polarity: 'lower_is_better',
    precision: 1,
    measureType: 'snapshot',
    numeratorLabel: null,
    denominatorLabel: null,
    comparatorMeasure: 'workforce_vacancy_rate_pct',
    comparatorDifference: DIFFERENCE,
    inUse: true,
  };

  function editServer() {
    const sent: unknown[] = [];
    server.use(
      http.get(api('/api/contract/indicators'), () => HttpResponse.json({ indicators: [PI13] })),
      http.patch(api('/api/contract/indicators/PI13'), async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sent.push(body);
        return HttpResponse.json({ ...PI13, comparatorDifference: body.comparatorDifference ?? null });
      }),
    );
    return sent;
  }

  it('shows the text to edit; emptied, it is sent as cleared', async () => {
    signedInAs('commissioner');
    const sent = editServer();
    const { user } = renderApp('/contract/indicators/PI13');
    const field = await screen.findByLabelText('How DfE’s comparator measure differs (optional)');
    expect(field).toHaveValue(DIFFERENCE);
    expect(field).toHaveAccessibleDescription(/its comparator is DfE’s workforce_vacancy_rate_pct/);
    await user.clear(field);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('PI13 is saved.');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ comparatorDifference: null });
  });

  it('holds the field to the schema’s length, and sends a new text as typed', async () => {
    signedInAs('commissioner');
    const sent = editServer();
    const { user } = renderApp('/contract/indicators/PI13');
    const field = await screen.findByLabelText('How DfE’s comparator measure differs (optional)');
    expect(field).toHaveAttribute('maxlength', '1000');
    await user.clear(field);
    await user.type(field, 'DfE counts all social workers.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('PI13 is saved.');
    expect(sent[0]).toMatchObject({ comparatorDifference: 'DfE counts all social workers.' });
  });
});
