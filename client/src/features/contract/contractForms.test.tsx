import {
  type IndicatorAdmin,
  indicatorInputSchema,
  type KpiSetAdmin,
  kpiSetProposalInputSchema,
  meetingInputSchema,
  reliefEventInputSchema,
  thresholdProposalInputSchema,
} from '@kpi/shared';
import { fireEvent, screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

const PI1: IndicatorAdmin = {
  code: 'PI1',
  title: 'Contacts resulting in a decision within one working day',
  shortTitle: null,
  definition: 'Decisions within one working day.',
  whyItMatters: 'Children wait less.',
  theme: 'front_door',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 1,
  measureType: 'flow',
  numeratorLabel: null,
  denominatorLabel: null,
  comparatorMeasure: null,
  comparatorDifference: null,
  inUse: true,
};

const SET: KpiSetAdmin = {
  code: 'C2024',
  name: 'Contract 2024',
  effectiveFrom: '2024-04-01',
  effectiveTo: null,
  persistentFailureMonths: 3,
  indicators: [{ code: 'PI1', title: PI1.title, theme: 'front_door', position: 1, grace: [] }],
};

/** The contract's reads, and every write recorded (and refused with `refuse` when given). */
function contractServer(refuse?: () => Response) {
  const sent: { path: string; body: unknown }[] = [];
  const record =
    (path: string) =>
    async ({ request }: { request: Request }) => {
      sent.push({ path, body: await request.json() });
      return refuse ? refuse() : HttpResponse.json({}, { status: 500 });
    };
  server.use(
    http.get(api('/api/contract/indicators'), () => HttpResponse.json({ indicators: [PI1] })),
    http.get(api('/api/contract/kpi-sets'), () => HttpResponse.json({ kpiSets: [SET] })),
    http.post(api('/api/contract/meetings'), record('meetings')),
    http.post(api('/api/contract/indicators'), record('indicators')),
    http.post(api('/api/contract/proposals/kpi-set'), record('kpi-set')),
    http.post(api('/api/contract/proposals/threshold'), record('threshold')),
    http.post(api('/api/contract/relief-events'), record('relief-events')),
  );
  return sent;
}

/** The error summary's links: what each says and the field it goes to. */
function summaryLinks() {
  return within(screen.getByRole('alert'))
    .getAllByRole('link')
    .map((link) => [link.textContent, link.getAttribute('href')]);
}

/** Sets a field's value directly, as pasting past a maxlength in an old browser (or a script) would. */
function paste(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

const RAW_ZOD = /Too (big|small)|Invalid input|expected (string|number)|NaN|Enter a value/;

describe('contract forms say which field is wrong, in plain English (issue 10)', () => {
  beforeEach(() => signedInAs('commissioner'));

  it('an empty meeting names every field, the summary linking to each; nothing is sent', async () => {
    const sent = contractServer();
    const { user } = renderApp('/contract/meetings/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a meeting' });
    await user.click(screen.getByRole('button', { name: 'Add the meeting' }));
    expect(summaryLinks()).toEqual([
      ["Enter the board's name", '#board'],
      ['Enter the date of the meeting', '#heldOn'],
      ['Enter the first month it receives', '#monthsFrom'],
      ['Enter the last month it receives', '#monthsTo'],
    ]);
    expect(screen.getByLabelText('Committee or board')).toHaveAccessibleDescription(/Error: Enter the board's name/);
    expect(screen.getByRole('alert')).not.toHaveTextContent(RAW_ZOD);
    expect(sent).toEqual([]);
  });

  it('gives the board name the length the schema allows, and says so when it is longer', async () => {
    const sent = contractServer();
    const { user } = renderApp('/contract/meetings/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a meeting' });
    const limit = meetingInputSchema.shape.board.maxLength as number;
    expect(screen.getByLabelText('Committee or board')).toHaveAttribute('maxlength', String(limit));
    paste('Committee or board', 'B'.repeat(5000));
    paste('Date of the meeting', 'soon');
    paste('First month it receives', '2025-07');
    paste('Last month it receives', '2025-06');
    await user.click(screen.getByRole('button', { name: 'Add the meeting' }));
    expect(summaryLinks()).toEqual([
      [`Board name must be ${limit} characters or fewer`, '#board'],
      ['Date of the meeting must be a date, for example 2025-09-08', '#heldOn'],
    ]);
    // Once the rest is right, the months the wrong way round are named.
    paste('Committee or board', 'Scrutiny Board');
    paste('Date of the meeting', '2025-09-08');
    await user.click(screen.getByRole('button', { name: 'Add the meeting' }));
    expect(summaryLinks()).toEqual([
      ['Last month it receives must be the same as or after the first month', '#monthsTo'],
    ]);
    expect(sent).toEqual([]);
  });

  it('puts the server’s zod words for a field into plain English next to that field', async () => {
    const sent = contractServer(() =>
      problemResponse(
        problemFixture(400, 'Bad request', {
          detail: 'The request is not valid. See errors for each field.',
          errors: [{ path: 'body.board', message: 'Too big: expected string to have <=200 characters' }],
        }),
      ),
    );
    const { user } = renderApp('/contract/meetings/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a meeting' });
    paste('Committee or board', 'Scrutiny Board');
    paste('Date of the meeting', '2025-09-08');
    paste('First month it receives', '2025-06');
    paste('Last month it receives', '2025-07');
    await user.click(screen.getByRole('button', { name: 'Add the meeting' }));
    expect(await screen.findByRole('alert')).toBeVisible();
    expect(summaryLinks()).toEqual([['Board name must be 200 characters or fewer', '#board']]);
    expect(sent).toHaveLength(1);
  });

  it('a meeting’s months may be typed as a return’s are (April 2025, Jun-25), the hint naming the forms', async () => {
    const sent = contractServer();
    const { user } = renderApp('/contract/meetings/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a meeting' });
    expect(screen.getByLabelText('First month it receives')).toHaveAccessibleDescription(
      /For example 2024-04, Apr-24, April 2024 or Apr 2024/,
    );
    paste('Committee or board', 'Scrutiny Board');
    paste('Date of the meeting', '2025-09-08');
    paste('First month it receives', 'April 2025');
    paste('Last month it receives', 'Jun-25');
    await user.click(screen.getByRole('button', { name: 'Add the meeting' }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body).toMatchObject({ monthsFrom: '2025-04', monthsTo: '2025-06' });
  });

  it('a month that is no month is refused naming the forms taken', async () => {
    const sent = contractServer();
    const { user } = renderApp('/contract/meetings/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a meeting' });
    paste('Committee or board', 'Scrutiny Board');
    paste('Date of the meeting', '2025-09-08');
    paste('First month it receives', '04/2025');
    paste('Last month it receives', '2025-06');
    await user.click(screen.getByRole('button', { name: 'Add the meeting' }));
    expect(summaryLinks()).toEqual([
      ['First month it receives must be a month, written as 2021-03, Mar-21, March 2021 or Mar 2021', '#monthsFrom'],
    ]);
    expect(sent).toHaveLength(0);
  });

  it('a KPI set: persistent failure as a whole number of months, and the last month not before the first (issue 11)', async () => {
    const sent = contractServer();
    const { user } = renderApp('/contract/sets/new');
    await screen.findByRole('heading', { level: 1, name: 'Propose a KPI set' });
    expect(screen.getByLabelText('Name')).toHaveAttribute(
      'maxlength',
      String(kpiSetProposalInputSchema.shape.name.maxLength),
    );
    expect(screen.getByLabelText('Reason')).toHaveAttribute(
      'maxlength',
      String(kpiSetProposalInputSchema.shape.reason.maxLength),
    );
    paste('Code', 'C2026');
    paste('Name', 'Contract 2026');
    paste('First month in force', '2026-04');
    paste('Last month in force (optional)', '2025-01');
    paste(/Persistent failure after/, '0');
    paste('Reason', 'Variation 4');
    await user.click(screen.getByRole('button', { name: 'Propose the set' }));
    expect(summaryLinks()).toEqual([
      ['Last month in force must be the same as or after the first month in force', '#effectiveTo'],
      ['Persistent failure after must be a whole number of months, 1 or more', '#persistentFailureMonths'],
    ]);
    paste(/Persistent failure after/, 'three');
    await user.click(screen.getByRole('button', { name: 'Propose the set' }));
    expect(summaryLinks()).toContainEqual([
      'Persistent failure after must be a whole number of months, 1 or more',
      '#persistentFailureMonths',
    ]);
    paste(/Persistent failure after/, '99');
    await user.click(screen.getByRole('button', { name: 'Propose the set' }));
    const most = kpiSetProposalInputSchema.shape.persistentFailureMonths.unwrap().maxValue;
    expect(summaryLinks()).toContainEqual([
      `Persistent failure after must be ${most} months or fewer`,
      '#persistentFailureMonths',
    ]);
    expect(screen.getByRole('alert')).not.toHaveTextContent(RAW_ZOD);
    expect(sent).toEqual([]);
  });

  it('an empty KPI set names its fields', async () => {
    contractServer();
    const { user } = renderApp('/contract/sets/new');
    await screen.findByRole('heading', { level: 1, name: 'Propose a KPI set' });
    paste(/Persistent failure after/, '');
    await user.click(screen.getByRole('button', { name: 'Propose the set' }));
    const texts = summaryLinks().map(([text]) => text);
    expect(texts).toEqual([
      'Enter the code of the set',
      'Enter the name of the set',
      'Enter the first month in force',
      'Enter how many months in failure make a persistent failure',
      'Enter the reason for the change',
    ]);
  });

  it('an indicator: empty fields named, and the title’s limit read from the schema', async () => {
    const sent = contractServer();
    const { user } = renderApp('/contract/indicators/new');
    await screen.findByRole('heading', { level: 1, name: 'Add an indicator' });
    const limit = indicatorInputSchema.shape.title.maxLength as number;
    expect(screen.getByLabelText('Title')).toHaveAttribute('maxlength', String(limit));
    expect(screen.getByLabelText('Definition')).toHaveAttribute(
      'maxlength',
      String(indicatorInputSchema.shape.definition.maxLength),
    );
    await user.click(screen.getByRole('button', { name: 'Add indicator' }));
    expect(summaryLinks().map(([text]) => text)).toEqual([
      'Enter the code, for example PI16',
      'Enter the title',
      'Enter the definition',
      'Enter why it matters',
    ]);
    paste('Title', 'T'.repeat(limit + 1));
    await user.click(screen.getByRole('button', { name: 'Add indicator' }));
    expect(summaryLinks()).toContainEqual([`Title must be ${limit} characters or fewer`, '#title']);
    expect(screen.getByRole('alert')).not.toHaveTextContent(RAW_ZOD);
    expect(sent).toEqual([]);
  });

  it('a relief event and new bands name their empty fields', async () => {
    contractServer();
    const { user, unmount } = renderApp('/contract/relief/new');
    await screen.findByRole('heading', { level: 1, name: 'Record a relief event' });
    expect(screen.getByLabelText('Name')).toHaveAttribute(
      'maxlength',
      String(reliefEventInputSchema.shape.name.maxLength),
    );
    await user.click(screen.getByRole('button', { name: 'Record the relief event' }));
    expect(summaryLinks()).toEqual([
      ['Enter the name of the relief event', '#name'],
      ['Enter the date it was agreed on', '#agreedOn'],
      ['Enter the first month covered', '#fromMonth'],
      ['Enter the last month covered', '#toMonth'],
      ['Choose at least one KPI it covers', '#indicatorCodes'],
      ['Enter the reason for the relief event', '#reason'],
    ]);
    unmount();

    renderApp('/contract/bands/new');
    await screen.findByRole('heading', { level: 1, name: 'Propose new bands' });
    expect(screen.getByLabelText(/^Target/)).toHaveAttribute(
      'maxlength',
      String(thresholdProposalInputSchema.shape.target.maxLength),
    );
    await user.click(screen.getByRole('button', { name: 'Propose the bands' }));
    expect(summaryLinks()).toEqual([
      ['Choose the KPI', '#indicatorCode'],
      ['Enter the first month these bands rate', '#effectiveFrom'],
      ['Enter the target, as the contract words it', '#target'],
      ['Enter the failure band, as the contract words it', '#failure'],
      ['Enter the reason for the new bands', '#reason'],
    ]);
  });

  it('the band form shows the KPI’s current bands and the first month a change may start', async () => {
    const sent = contractServer();
    server.use(
      http.get(api('/api/contract/indicators/PI1/bands'), () =>
        HttpResponse.json({
          indicatorCode: 'PI1',
          bands: [
            {
              effectiveFrom: '2024-04-01',
              effectiveTo: null,
              target: 'Target > 85%',
              failure: 'Failure < 75%',
              summary: 'On target above 85%',
              kpiSetCode: 'C2024',
            },
          ],
          changeableFrom: '2024-11',
        }),
      ),
    );
    const { user } = renderApp('/contract/bands/new?code=PI1');
    const table = await screen.findByRole('table', { name: 'Current bands for PI1' });
    expect(within(table).getByRole('row', { name: /April 2024 onwards Target > 85% Failure < 75%/ })).toBeVisible();
    expect(screen.getByText(/can start from November 2024 at the earliest/)).toBeVisible();
    await user.type(screen.getByLabelText('First month these bands rate'), '2024-06');
    await user.click(screen.getByRole('button', { name: 'Propose the bands' }));
    expect(summaryLinks()).toContainEqual([
      'A published meeting has covered June 2024: bands can be changed from November 2024 (2024-11) at the earliest',
      '#effectiveFrom',
    ]);
    expect(sent).toEqual([]);
  });
});
