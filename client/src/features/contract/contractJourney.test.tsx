import type { IndicatorAdmin, KpiSetAdmin, Proposal } from '@kpi/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { api } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

/**
 * What a commissioning manager met walking the contract screens in a browser: a grace period's
 * mistakes were listed at the top but not at their fields, the title did not say "Error:", a
 * proposal's notice had two full stops, and approving one left focus nowhere and said nothing.
 */

const PI2: IndicatorAdmin = {
  code: 'PI2',
  title: 'Children on a Child Protection Plan per 10,000',
  shortTitle: null,
  definition: 'The rate per 10,000 children.',
  whyItMatters: 'Protection.',
  theme: 'child_protection',
  unit: 'rate_per_10k',
  polarity: 'lower_is_better',
  precision: 1,
  measureType: 'snapshot',
  numeratorLabel: null,
  denominatorLabel: null,
  comparatorMeasure: null,
  comparatorDifference: null,
  inUse: true,
};
const REPEAT: IndicatorAdmin = { ...PI2, code: 'CP-REPEAT', title: 'Second or later CP plans', inUse: false };

const SET: KpiSetAdmin = {
  code: 'C2024',
  name: 'Contract 2024',
  effectiveFrom: '2024-04-01',
  effectiveTo: null,
  persistentFailureMonths: 3,
  indicators: [{ code: 'PI2', title: PI2.title, theme: 'child_protection', position: 1, grace: [] }],
};

/** The server's title for a set that ends another ends with a full stop of its own. */
const SET_TITLE = 'New KPI set C2026 (Contract 2026) from 1 April 2026. Contract 2024 (C2024) will end in March 2026.';

function setProposal(status: Proposal['status']): Proposal {
  return {
    id: 7,
    kind: 'kpi_set',
    status,
    title: SET_TITLE,
    reason: 'Variation 7',
    change: {
      code: 'C2026',
      name: 'Contract 2026',
      effectiveFrom: '2026-04-01',
      effectiveTo: null,
      persistentFailureMonths: 3,
      indicatorCodes: ['PI2', 'CP-REPEAT'],
      grace: [{ indicatorCode: 'CP-REPEAT', startsOn: '2026-04-01', endsOn: '2026-06-30' }],
      replaces: false,
      ends: [],
    },
    proposedBy: 'Casey Commissioner',
    proposedByRole: 'commissioner',
    proposedAt: '2026-02-12T12:00:00.000Z',
    decidedBy: status === 'pending' ? null : 'Ada Administrator',
    decidedAt: status === 'pending' ? null : '2026-02-13T12:00:00.000Z',
    decisionNote: null,
    canDecide: status === 'pending',
    rerating: null,
  };
}

function contractServer() {
  let decided = false;
  const sent: string[] = [];
  server.use(
    http.get(api('/api/contract/indicators'), () => HttpResponse.json({ indicators: [PI2, REPEAT] })),
    http.get(api('/api/contract/kpi-sets'), () => HttpResponse.json({ kpiSets: [SET] })),
    http.get(api('/api/contract/relief-events'), () => HttpResponse.json({ reliefEvents: [] })),
    http.get(api('/api/contract/proposals'), () =>
      HttpResponse.json({ proposals: [setProposal(decided ? 'approved' : 'pending')] }),
    ),
    http.post(api('/api/contract/proposals/kpi-set'), () => {
      sent.push('kpi-set');
      return HttpResponse.json(setProposal('pending'), { status: 201 });
    }),
    http.post(api('/api/contract/meetings'), async ({ request }) => {
      sent.push('meeting');
      const body = (await request.json()) as Record<string, string>;
      return HttpResponse.json(
        {
          id: 9,
          board: body.board,
          heldOn: body.heldOn,
          monthsFrom: body.monthsFrom,
          monthsTo: body.monthsTo,
          publishedAt: null,
          locked: false,
        },
        { status: 201 },
      );
    }),
    http.post(api('/api/contract/proposals/:id/approve'), () => {
      decided = true;
      sent.push('approve');
      return HttpResponse.json(setProposal('approved'));
    }),
  );
  return sent;
}

function type(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** The field's inline error, as a screen reader reaches it: through aria-describedby. */
function describedErrors(field: HTMLElement): string[] {
  return (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .filter((el) => el?.classList.contains('error-message'))
    .map((el) => el!.textContent ?? '');
}

describe('the contract screens, as a commissioning manager walks them', () => {
  beforeEach(() => signedInAs('commissioner'));

  it('a mistyped grace period is marked at its fields, one message each, and the title says "Error:"', async () => {
    const sent = contractServer();
    const { user } = renderApp('/contract/sets/new');
    await screen.findByRole('heading', { level: 1, name: 'Propose a KPI set' });
    type('Code', 'C2026');
    type('Name', 'Contract 2026');
    type('First month in force', 'April 2026');
    type('Reason', 'Variation 7');
    await user.click(screen.getByRole('checkbox', { name: /^CP-REPEAT:/ }));
    type('CP-REPEAT: months of grace', 'three');
    type('CP-REPEAT: grace from (optional)', 'Aprl 2026');
    await user.click(screen.getByRole('button', { name: 'Propose the set' }));

    const summary = await screen.findByRole('alert');
    const links = within(summary)
      .getAllByRole('link')
      .map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual([
      ['CP-REPEAT: months of grace must be a whole number of months, 1 or more', '#grace-CP-REPEAT-months'],
      [
        'CP-REPEAT: grace from must be a month, written as 2021-03, Mar-21, March 2021 or Mar 2021',
        '#grace-CP-REPEAT-from',
      ],
    ]);
    const months = screen.getByLabelText('CP-REPEAT: months of grace');
    const from = screen.getByLabelText('CP-REPEAT: grace from (optional)');
    expect(months).toHaveAttribute('aria-invalid', 'true');
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(describedErrors(months)).toEqual([
      'Error: CP-REPEAT: months of grace must be a whole number of months, 1 or more',
    ]);
    expect(describedErrors(from)).toEqual([
      'Error: CP-REPEAT: grace from must be a month, written as 2021-03, Mar-21, March 2021 or Mar 2021',
    ]);
    await waitFor(() => expect(document.title).toMatch(/^Error: Propose a KPI set – /));
    expect(sent).toEqual([]);
  });

  it.each([
    ['/contract/bands/new', 'Propose new bands', 'Propose the bands'],
    ['/contract/meetings/new', 'Add a meeting', 'Add the meeting'],
    ['/contract/relief/new', 'Record a relief event', /^Record/],
  ] as const)('%s refused: the title starts "Error:"', async (path, title, button) => {
    contractServer();
    const { user } = renderApp(path);
    await screen.findByRole('heading', { level: 1, name: title });
    expect(document.title).toMatch(new RegExp(`^${title} – `));
    await user.click(screen.getByRole('button', { name: button }));
    await screen.findByRole('alert');
    await waitFor(() => expect(document.title).toMatch(new RegExp(`^Error: ${title} – `)));
  });

  it('a proposal sent: the notice takes the focus and ends its sentence once', async () => {
    contractServer();
    const { user } = renderApp('/contract/sets/new');
    await screen.findByRole('heading', { level: 1, name: 'Propose a KPI set' });
    type('Code', 'C2026');
    type('Name', 'Contract 2026');
    type('First month in force', '2026-04');
    type('Reason', 'Variation 7');
    await user.click(screen.getByRole('button', { name: 'Propose the set' }));
    await screen.findByRole('heading', { level: 1, name: 'Contract' });
    const notice = screen.getByText(/^Proposed:/).closest('.notification') as HTMLElement;
    expect(notice).toHaveAttribute('role', 'status');
    expect(notice).toHaveTextContent(
      'Proposed: New KPI set C2026 (Contract 2026) from 1 April 2026. Contract 2024 (C2024) will end in March 2026. It applies when a second person approves it.',
    );
    expect(notice.textContent).not.toContain('..');
    await waitFor(() => expect(notice).toHaveFocus());
  });
});

describe('approving a proposal, in the other role', () => {
  beforeEach(() => signedInAs('admin'));

  it('says what was done in a notice that takes the focus', async () => {
    const sent = contractServer();
    const { user } = renderApp('/contract');
    await user.click(await screen.findByRole('button', { name: 'Approve and apply' }));
    const notice = (await screen.findByText(/^Approved and applied:/)).closest('.notification') as HTMLElement;
    expect(notice).toHaveAttribute('role', 'status');
    expect(notice).toHaveTextContent(
      'Approved and applied: New KPI set C2026 (Contract 2026) from 1 April 2026. Contract 2024 (C2024) will end in March 2026.',
    );
    expect(notice.textContent).not.toContain('..');
    await waitFor(() => expect(notice).toHaveFocus());
    expect(sent).toEqual(['approve']);
    expect(screen.queryByRole('button', { name: 'Approve and apply' })).toBeNull();
  });
});

/**
 * At 375 px a wide table stacks (`.table--stack-narrow`, as the meetings list and a figure's history
 * do): each row a block, each cell a line named by its column through data-label. A cell without
 * its label would be a bare value on the phone; a table without the class scrolled sideways.
 */
function stackedCellProblems(table: HTMLElement): string[] {
  const problems = table.classList.contains('table--stack-narrow') ? [] : ['the table does not stack when narrow'];
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, column) => {
      if (cell.tagName !== 'TD') return;
      const label = cell.getAttribute('data-label');
      if (!label || !headers[column]?.startsWith(label)) problems.push(`${headers[column]}: labelled ${label}`);
    });
  }
  return problems;
}

describe('the contract’s tables on a phone', () => {
  beforeEach(() => signedInAs('commissioner'));

  it('a KPI set’s table stacks, each cell named by its column', async () => {
    contractServer();
    renderApp('/contract');
    const table = await screen.findByRole('table', { name: 'KPIs in Contract 2024, in order' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(stackedCellProblems(table)).toEqual([]);
  });

  it('the KPI library’s table stacks, each cell named by its column', async () => {
    contractServer();
    renderApp('/contract/indicators');
    const table = await screen.findByRole('table', { name: '2 indicators' });
    expect(stackedCellProblems(table)).toEqual([]);
  });
});

describe('adding a meeting', () => {
  beforeEach(() => signedInAs('commissioner'));

  it('says the meeting was added, in a notice on the meetings page that takes the focus', async () => {
    const sent = contractServer();
    const { user, pathname } = renderApp('/contract/meetings/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a meeting' });
    type('Committee or board', "Children's Services and Education Scrutiny Board");
    type('Date of the meeting', '2025-10-13');
    type('First month it receives', 'Aug 2025');
    type('Last month it receives', 'August 2025');
    await user.click(screen.getByRole('button', { name: 'Add the meeting' }));
    await screen.findByRole('heading', { level: 1, name: 'Board meetings' });
    expect(pathname()).toBe('/meetings');
    expect(sent).toEqual(['meeting']);
    const notice = screen.getByText(/^Added the/).closest('.notification') as HTMLElement;
    expect(notice).toHaveAttribute('role', 'status');
    expect(notice).toHaveTextContent(
      "Added the Children's Services and Education Scrutiny Board meeting of 13 October 2025, receiving August 2025. Its figures stay pre-release until it is published.",
    );
    await waitFor(() => expect(notice).toHaveFocus());
  });
});
