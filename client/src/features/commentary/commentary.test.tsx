import type { KpiMonthCommentary } from '@kpi/shared';
import { render, screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { emptyCommentaryFixture } from '../../testing/commentaryFixtures';
import { api } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';
import { CommentaryText } from './components/CommentaryText';

const HOSTILE = '<script>alert(1)</script>\n<b>bold</b>\n=HYPERLINK("http://x","y")\n\n- +1\n- @SUM(A1)';

describe('commentary text', () => {
  it('shows markup, scripts and formulas exactly as typed, as text, in paragraphs and lists', () => {
    const { container } = render(<CommentaryText text={HOSTILE} />);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText('<script>alert(1)</script>')).toBeInTheDocument();
    expect(screen.getByText('=HYPERLINK("http://x","y")')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['+1', '@SUM(A1)']);
  });
});

describe('writing commentary on the KPI page', () => {
  it('lets Trust staff write and submit, and shows the state and history that come back', {
    timeout: 30_000,
  }, async () => {
    signedInAs('analyst');
    const posted: unknown[] = [];
    const submitted: KpiMonthCommentary = {
      ...emptyCommentaryFixture('PI4', '2021-09'),
      latest: {
        id: 7,
        state: 'submitted',
        body: 'Two workers left.\n- Agency cover',
        reason: null,
        source: 'screen',
        uploadFileName: null,
        by: 'Trust analyst',
        byRole: 'analyst',
        at: '2021-10-04T09:00:00Z',
      },
      may: { save: true, submit: false, agree: false, sendBack: false },
    };
    submitted.history = [submitted.latest!];
    server.use(
      http.post(api('/api/indicators/PI4/commentary/2021-09/submit'), async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(submitted);
      }),
    );
    const app = renderApp('/indicators/PI4');
    // The file's first KPI page loads the page's code and the chart library: on a loaded two-core
    // machine that alone took over 8 s.
    const box = await screen.findByRole(
      'textbox',
      { name: 'Write the commentary for September 2021' },
      { timeout: 20_000 },
    );
    await app.user.type(box, 'Two workers left.{enter}- Agency cover');
    await app.user.click(screen.getByRole('button', { name: 'Submit for agreement' }));
    expect(await screen.findByText('Submitted for a commissioner to agree.')).toBeInTheDocument();
    expect(posted).toEqual([{ body: 'Two workers left.\n- Agency cover', basedOn: null }]);
    expect(screen.getByRole('heading', { name: 'Latest version: submitted for agreement' })).toBeInTheDocument();
    expect(screen.getByText('Every version for September 2021 (1)')).toBeInTheDocument();
  });

  // Found walking the commissioner's journey: text typed for one month was thrown away, with no
  // word, as soon as the Month list was changed to look at another month.
  it('keeps unsaved text for a month while another month is looked at', { timeout: 20_000 }, async () => {
    signedInAs('commissioner');
    const app = renderApp('/indicators/PI4');
    const box = await screen.findByRole(
      'textbox',
      { name: 'Write the commentary for September 2021' },
      { timeout: 8000 },
    );
    await app.user.type(box, 'Two workers left.');
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Month' }), '2021-08');
    const august = await screen.findByRole('textbox', { name: 'Write the commentary for August 2021' });
    expect(august).toHaveValue('');
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Month' }), '2021-09');
    const again = await screen.findByRole('textbox', { name: 'Write the commentary for September 2021' });
    expect(again).toHaveValue('Two workers left.');
    expect(screen.getByText('Not saved yet.')).toBeInTheDocument();
  });

  it('tells a commissioner who submitted the text that someone else must agree it', { timeout: 20_000 }, async () => {
    signedInAs('commissioner');
    const latest = {
      id: 9,
      state: 'submitted' as const,
      body: 'Recruitment drive under way.',
      reason: null,
      source: 'screen' as const,
      uploadFileName: null,
      by: 'Commissioning manager (demo)',
      byRole: 'commissioner' as const,
      at: '2021-10-05T09:00:00Z',
    };
    server.use(
      http.get(api('/api/indicators/:code/commentary/:month'), () =>
        HttpResponse.json({
          ...emptyCommentaryFixture('PI4', '2021-09'),
          latest,
          history: [latest],
          may: { save: true, submit: false, agree: false, sendBack: true },
          agreeRefusal:
            'You submitted this commentary, so someone else must agree it: another commissioner or an administrator.',
        }),
      ),
    );
    renderApp('/indicators/PI4');
    expect(
      await screen.findByText(/You submitted this commentary, so someone else must agree it/, undefined, {
        timeout: 8000,
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Agree' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send back' })).toBeInTheDocument();
  });

  it('shows a viewer only the agreed text, with no form', { timeout: 20_000 }, async () => {
    signedInAs('viewer');
    server.use(
      http.get(api('/api/indicators/:code/commentary/:month'), () =>
        HttpResponse.json({
          ...emptyCommentaryFixture('PI4', '2021-09'),
          historyShown: false,
          may: { save: false, submit: false, agree: false, sendBack: false },
        }),
      ),
    );
    renderApp('/indicators/PI4');
    expect(
      await screen.findByText('There is no agreed commentary for September 2021.', undefined, { timeout: 8000 }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /Write the commentary/ })).toBeNull();
    expect(screen.getByText('There are no actions recorded for PI4.')).toBeInTheDocument();
  });
});
