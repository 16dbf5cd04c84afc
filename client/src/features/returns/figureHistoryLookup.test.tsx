import type { IndicatorListResponse, MonitoredItem } from '@kpi/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { api } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { historyFixture } from '../../testing/returnFixtures';
import { server } from '../../testing/server';
import { recordRequests, signedInAs } from '../../testing/session';

function kpi(code: string, title: string, shortTitle: string | null = null): MonitoredItem {
  return {
    code,
    title,
    shortTitle,
    theme: 'front_door',
    unit: 'percent',
    polarity: 'higher_is_better',
    precision: 1,
    measureType: 'flow',
    latest: null,
    direction: null,
    comparators: [],
    comparatorNote: null,
    commentary: null,
    kpiSetCodes: ['CONTRACT-2018'],
    illustrative: false,
  };
}
const list: IndicatorListResponse = {
  asOf: '2024-03',
  indicators: [
    kpi('PI1', 'Contacts resulting in a decision within one working day'),
    kpi('PI5', 'Re-referrals within 12 months', 'Re-referrals'),
  ],
};

/** The history of a figure is looked up by choosing one of the council's KPIs, not by remembering its code. */
describe('looking up the history of a figure', () => {
  beforeEach(() => {
    signedInAs('analyst');
    server.use(http.get(api('/api/indicators'), () => HttpResponse.json(list)));
  });

  it('offers the council’s KPIs by code and title, takes a month as a return writes it, and puts both in the address', async () => {
    recordRequests('/api/returns/history', () => HttpResponse.json(historyFixture));
    const { user, searchParams } = renderApp('/returns/history');
    expect(await screen.findByRole('heading', { level: 1, name: 'History of a figure' })).toBeVisible();
    const choice = await screen.findByRole('combobox', { name: 'KPI' });
    expect(
      within(choice)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a KPI', 'PI1: Contacts resulting in a decision within one working day', 'PI5: Re-referrals']);
    await user.click(screen.getByRole('button', { name: 'Show the history' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a KPI');
    // GOV.UK: a refused form says so in the title too, the first thing a screen reader reads
    await waitFor(() => expect(document.title).toMatch(/^Error: History of a figure – /));
    await user.selectOptions(choice, 'PI5');
    await user.type(screen.getByLabelText('Month'), 'Feb 2024');
    await user.click(screen.getByRole('button', { name: 'Show the history' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'History of PI5 for February 2024' })).toBeVisible();
    expect(searchParams().toString()).toBe('kpi=PI5&month=2024-02');
  });

  it('puts a refused search’s error summary at the top, before the heading, as every other form does (GOV.UK)', async () => {
    const { user } = renderApp('/returns/history');
    await screen.findByRole('combobox', { name: 'KPI' });
    await user.type(screen.getByLabelText('Month'), 'Smarch');
    await user.click(screen.getByRole('button', { name: 'Show the history' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Choose a KPI', expect.stringMatching(/^Enter the month as /)]);
    await waitFor(() => expect(summary).toHaveFocus());
    const heading = screen.getByRole('heading', { level: 1, name: 'History of a figure' });
    expect(summary.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(summary.closest('form')).toBeNull();
    // a search that is then accepted clears it
    await user.selectOptions(screen.getByRole('combobox', { name: 'KPI' }), 'PI5');
    await user.clear(screen.getByLabelText('Month'));
    await user.type(screen.getByLabelText('Month'), '2024-02');
    recordRequests('/api/returns/history', () => HttpResponse.json(historyFixture));
    await user.click(screen.getByRole('button', { name: 'Show the history' }));
    await screen.findByRole('heading', { level: 1, name: 'History of PI5 for February 2024' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says plainly when the address names a KPI the council does not have, and offers the list', async () => {
    recordRequests('/api/returns/history', () => HttpResponse.json(historyFixture));
    renderApp('/returns/history?kpi=PI99&month=2024-02');
    expect(
      await screen.findByText('This council has no KPI with the code PI99. Choose one from the list below.'),
    ).toBeVisible();
    expect(await screen.findByRole('combobox', { name: 'KPI' })).toHaveValue('');
    expect(screen.getByLabelText('Month')).toHaveValue('2024-02');
  });
});
