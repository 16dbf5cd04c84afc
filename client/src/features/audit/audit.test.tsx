import type { AuditEntryView, AuditPage } from '@kpi/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { recordRequests, signedInAs } from '../../testing/session';

function entry(overrides: Partial<AuditEntryView>): AuditEntryView {
  return {
    id: 1,
    at: '2025-03-03T10:15:00.000Z',
    who: { name: 'Jo Admin', username: 'admin' },
    action: 'user.role_change',
    actionText: "Changed someone's role",
    kind: 'people',
    outcome: 'success',
    target: 'user:sam',
    targetText: 'Account sam',
    changes: [{ field: null, before: 'viewer', after: 'commissioner' }],
    details: { from: 'viewer', to: 'commissioner' },
    ...overrides,
  };
}

const FIRST: AuditPage = {
  entries: [
    entry({ id: 9 }),
    entry({
      id: 8,
      at: '2025-03-02T09:00:00.000Z',
      who: { name: 'Someone outside this council', username: null },
      action: 'access.refused',
      actionText: 'Tried something their role does not allow (refused)',
      kind: 'access',
      outcome: 'refused',
      target: 'GET /api/users',
      targetText: 'GET /api/users',
      changes: [],
      details: null,
    }),
  ],
  nextCursor: '1740906000000000.8',
};
const SECOND: AuditPage = {
  entries: [
    entry({
      id: 3,
      at: '2025-02-01T12:00:00.000Z',
      action: 'action.update',
      actionText: 'Changed an action',
      kind: 'commentary',
      targetText: 'action 4 (PI2)',
      changes: [{ field: 'status', before: 'open', after: 'done' }],
      details: { status: { from: 'open', to: 'done' }, note: 'closed at board' },
    }),
  ],
  nextCursor: null,
};

function auditServer(pages: Record<string, AuditPage> = { '': FIRST, [FIRST.nextCursor!]: SECOND }) {
  return recordRequests('/api/audit', (url) => HttpResponse.json(pages[url.searchParams.get('cursor') ?? '']));
}

function bodyRows() {
  const table = screen.getByRole('table', { name: /Changes recorded/ });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      [
        within(row).getByRole('rowheader').textContent,
        ...within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ].map((text) => text?.replace(/\s+/g, ' ')),
    );
}

describe('record of changes', () => {
  it('is in the navigation for commissioners and administrators, and refused to others', async () => {
    signedInAs('analyst');
    renderApp('/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Record of changes' })).not.toBeInTheDocument();
  });

  it('lists the changes newest first in a captioned table, and loads older ones on request', async () => {
    signedInAs('commissioner');
    const requests = auditServer();
    const { user } = renderApp('/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Record of changes' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Record of changes' })).toHaveAttribute('aria-current', 'page');
    await screen.findByRole('table', { name: 'Changes recorded, newest first' });
    expect(bodyRows()).toEqual([
      [
        '3 March 2025 at 10:15',
        'Jo Adminadmin',
        "Changed someone's role",
        'Account sam',
        'from viewer → to commissioner',
      ],
      [
        '2 March 2025 at 09:00',
        'Someone outside this council',
        'Tried something their role does not allow (refused)',
        'GET /api/users',
        'None recorded',
      ],
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('Showing the 2 most recent changes; older changes follow.');

    await user.click(screen.getByRole('button', { name: 'Load older changes' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    expect(bodyRows()[2]).toEqual([
      '1 February 2025 at 12:00',
      'Jo Adminadmin',
      'Changed an action',
      'action 4 (PI2)',
      'status: from open → to doneDetailsnoteclosed at board',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('Showing the 3 most recent changes; that is every one.');
    expect(screen.getByRole('status')).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Load older changes' })).not.toBeInTheDocument();
    expect(requests.map((r) => r.get('cursor'))).toEqual([null, FIRST.nextCursor]);
    expect(requests.map((r) => r.get('limit'))).toEqual(['50', '50']);
  });

  it('filters through a labelled form kept in the address, and offers the same list as CSV', async () => {
    signedInAs('admin');
    const requests = auditServer({ '': { entries: [entry({ id: 2 })], nextCursor: null } });
    const { user, searchParams } = renderApp('/audit');
    await screen.findByRole('table');
    const form = screen.getByRole('form', { name: 'Choose which changes to show' });
    await user.selectOptions(within(form).getByLabelText('Kind of change'), 'People, roles and passwords');
    await user.type(within(form).getByLabelText('Person (username)'), 'admin');
    await user.type(within(form).getByLabelText('From (date)'), '2025-03-01');
    await user.type(within(form).getByLabelText('To (date, included)'), '2025-03-31');
    await user.click(within(form).getByRole('button', { name: 'Show changes' }));

    await waitFor(() => expect(requests).toHaveLength(2));
    expect(Object.fromEntries(requests[1]!)).toEqual({
      kind: 'people',
      person: 'admin',
      from: '2025-03-01',
      to: '2025-03-31',
      limit: '50',
    });
    expect(Object.fromEntries(searchParams())).toEqual({
      kind: 'people',
      person: 'admin',
      from: '2025-03-01',
      to: '2025-03-31',
    });
    const download = await screen.findByRole('link', { name: 'Download these changes as CSV' });
    expect(download).toHaveAttribute(
      'href',
      // The default council in view is the server's default too: a chosen one would be named here.
      '/api/audit.csv?kind=people&person=admin&from=2025-03-01&to=2025-03-31',
    );
    expect(screen.getByRole('link', { name: 'Clear the filters' })).toHaveAttribute('href', '/audit');
  });

  it('checks the dates before asking, and says what is wrong in an error summary', async () => {
    signedInAs('admin');
    const requests = auditServer({ '': { entries: [], nextCursor: null } });
    const { user } = renderApp('/audit');
    await screen.findByText('Nothing has been recorded for this council yet.');
    await user.type(screen.getByLabelText('From (date)'), '2025-04-01');
    await user.type(screen.getByLabelText('To (date, included)'), '2025-03-01');
    await user.click(screen.getByRole('button', { name: 'Show changes' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveFocus();
    expect(within(summary).getByRole('link', { name: /must be the same as or after/ })).toHaveAttribute(
      'href',
      '#audit-to',
    );
    expect(screen.getByLabelText('To (date, included)')).toHaveAccessibleDescription(/Error: .*same as or after/);
    await user.clear(screen.getByLabelText('From (date)'));
    await user.type(screen.getByLabelText('From (date)'), '2025-02-30');
    await user.click(screen.getByRole('button', { name: 'Show changes' }));
    expect(await screen.findByRole('link', { name: /Enter the “from” date/ })).toBeVisible();
    expect(requests).toHaveLength(1);
  });

  it('says plainly when a filter finds nothing', async () => {
    signedInAs('admin');
    auditServer({ '': { entries: [], nextCursor: null } });
    renderApp('/audit?kind=returns');
    expect(await screen.findByRole('heading', { name: 'No changes to show' })).toBeVisible();
    expect(screen.getByText(/Nothing has been recorded monthly returns\. Choose other filters/)).toBeVisible();
  });

  it('shows the server’s refusal with a way to try again', async () => {
    signedInAs('admin');
    server.use(
      http.get(api('/api/audit'), () =>
        problemResponse(problemFixture(403, 'Forbidden', { detail: 'Your role does not allow this.' })),
      ),
    );
    renderApp('/audit');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Your role does not allow this.')).toBeVisible();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});
