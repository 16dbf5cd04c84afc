import type { ReturnCommitBody, ReturnUploadResponse } from '@kpi/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { overviewFixture, problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import {
  alreadyLoadedFixture,
  BACKFILL_MONTHS,
  backfillPreviewFixture,
  commitResponseFixture,
  committedUploadFixture,
  contract2018Set,
  historyFixture,
  previewFixture,
  ratingPreviewFixture,
  rejectedUploadFixture,
  rejectedXlsxFixture,
  simplePreviewFixture,
} from '../../testing/returnFixtures';
import { server } from '../../testing/server';
import { recordRequests, signedInAs } from '../../testing/session';

const TITLE_SUFFIX = " – Children's services KPI dashboard";

function csvFile(text: string, name = 'return-contract-2018-2024-03.csv') {
  return new File([text], name, { type: 'text/csv' });
}

/** Records every upload (its query, Content-Type and body) and answers with `respond`. */
function recordUploads(respond: () => Response) {
  const uploads: { fileName: string | null; contentType: string | null; body: string }[] = [];
  server.use(
    http.post(api('/api/returns/uploads'), async ({ request }) => {
      uploads.push({
        fileName: new URL(request.url).searchParams.get('fileName'),
        contentType: request.headers.get('content-type'),
        body: await request.text(),
      });
      return respond();
    }),
  );
  return uploads;
}

/** Records every commit's body and answers with `respond`. */
function recordCommits(respond: () => Response) {
  const commits: ReturnCommitBody[] = [];
  server.use(
    http.post(api('/api/returns/uploads/:id/commit'), async ({ request }) => {
      commits.push((await request.json()) as ReturnCommitBody);
      return respond();
    }),
  );
  return commits;
}

function answerUpload(fixture: object) {
  server.use(http.get(api('/api/returns/uploads/:id'), () => HttpResponse.json(fixture)));
}

describe('who can reach monthly returns', () => {
  it('commissioners, analysts and administrators have the "Monthly returns" item in the navigation', async () => {
    for (const role of ['commissioner', 'analyst', 'admin'] as const) {
      signedInAs(role);
      const { unmount } = renderApp('/');
      const nav = await screen.findByRole('navigation', { name: 'Main' });
      expect(within(nav).getByRole('link', { name: 'Monthly returns' })).toHaveAttribute('href', '/returns');
      unmount();
    }
  });

  it('a viewer has no navigation item, and typing the address shows "no access", not the form', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/returns/uploads', () => HttpResponse.json({ uploads: [] }));
    renderApp('/returns');

    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Monthly returns' })).toBeNull();
    expect(screen.queryByLabelText(/Upload a file/)).toBeNull();
    expect(document.title).toBe(`You do not have access to this page${TITLE_SUFFIX}`);
    expect(requests).toHaveLength(0);
  });

  it('a viewer gets "no access" on an upload and on the history too', async () => {
    signedInAs('viewer');
    const { unmount } = renderApp('/returns/uploads/41');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
    unmount();
    renderApp('/returns/history?kpi=PI5&month=2024-02');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
  });
});

describe('the start page', () => {
  beforeEach(() => {
    signedInAs('commissioner');
    server.use(
      http.get(api('/api/overview'), () =>
        HttpResponse.json({ ...overviewFixture, kpiSets: [contract2018Set, ...overviewFixture.kpiSets] }),
      ),
    );
  });

  it('explains what a return is and has one h1 and a title', async () => {
    renderApp('/returns');
    expect(await screen.findByRole('heading', { level: 1, name: 'Monthly returns' })).toBeVisible();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    // The title follows the page in an effect, which a busy machine may run a moment after the heading.
    await waitFor(() => expect(document.title).toBe(`Monthly returns${TITLE_SUFFIX}`));
    expect(screen.getByText(/Each month the Trust sends the council its return/)).toBeVisible();
  });

  it('the template is a real link whose query follows the choices', async () => {
    const { user } = renderApp('/returns');
    const link = await screen.findByRole('link', { name: /^Download the template/ });
    // the set in force last is CONTRACT-2024; its newest ended month is chosen
    expect(link.getAttribute('href')).toMatch(
      /^\/api\/returns\/template\?kpiSet=SCT-2024&from=\d{4}-\d{2}&to=\d{4}-\d{2}&format=xlsx$/,
    );
    expect(link).toHaveAttribute('download');

    await user.selectOptions(screen.getByLabelText('KPI set'), 'CONTRACT-2018');
    // the 2018 set ended in March 2024: that is its latest month
    expect(link).toHaveAttribute(
      'href',
      '/api/returns/template?kpiSet=CONTRACT-2018&from=2024-03&to=2024-03&format=xlsx',
    );
    await user.selectOptions(screen.getByLabelText('From'), '2024-01');
    await user.click(screen.getByRole('radio', { name: /CSV/ }));
    expect(link).toHaveAttribute(
      'href',
      '/api/returns/template?kpiSet=CONTRACT-2018&from=2024-01&to=2024-03&format=csv',
    );
    expect(link).toHaveAccessibleName(
      'Download the template (CSV, Contract 2018 (PI1–PI15), January 2024 to March 2024)',
    );
    // "to" never offers a month before "from"
    expect(within(screen.getByLabelText('To')).queryByRole('option', { name: 'December 2023' })).toBeNull();
  });

  it('lists recent uploads with outcome in words, who, when and a link', async () => {
    renderApp('/returns');
    const table = await screen.findByRole('table', { name: /Recent uploads/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('10 April 2024 at 10:15 by Sam Patel');
    expect(rows[0]).toHaveTextContent('Loaded');
    expect(rows[0]).toHaveTextContent('1 new, 2 changed, 1 unchanged, 1 warning');
    expect(within(rows[0]!).getByRole('link', { name: 'return-contract-2018-2024-03.csv' })).toHaveAttribute(
      'href',
      '/returns/uploads/41',
    );
    expect(rows[1]).toHaveTextContent('Problems to correct');
    expect(rows[1]).toHaveTextContent('3 problems');
  });

  it('names each landmark once: the section and its scrolling table are told apart (issue 19)', async () => {
    renderApp('/returns');
    await screen.findByRole('table', { name: /Recent uploads/ });
    const names = screen
      .getAllByRole('region')
      .map(
        (region) =>
          region.getAttribute('aria-label') ??
          document.getElementById(region.getAttribute('aria-labelledby') ?? '')?.textContent ??
          '',
      );
    expect(names).toContain('Recent uploads');
    expect(names).toContain('Recent uploads (table)');
    expect(new Set(names).size).toBe(names.length);
  });

  it('asks for a file when none is chosen: error summary, focused, linking to the input', async () => {
    const uploads = recordUploads(() => HttpResponse.json(rejectedUploadFixture));
    const { user } = renderApp('/returns');
    await user.click(await screen.findByRole('button', { name: 'Upload and check the file' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    expect(summary).toHaveFocus();
    const link = within(summary).getByRole('link', { name: 'Select the monthly return file' });
    expect(link).toHaveAttribute('href', '#return-file');
    await user.click(link);
    expect(screen.getByLabelText('Upload a file')).toHaveFocus();
    expect(screen.getByLabelText('Upload a file')).toHaveAccessibleDescription(/Error: Select the monthly return file/);
    expect(document.title).toBe(`Error: Monthly returns${TITLE_SUFFIX}`);
    expect(uploads).toHaveLength(0);
  });

  it('refuses a file that is not CSV or Excel, or too large, before sending it', async () => {
    const uploads = recordUploads(() => HttpResponse.json(rejectedUploadFixture));
    renderApp('/returns');
    const user = userEvent.setup({ applyAccept: false });
    const input = await screen.findByLabelText('Upload a file');

    await user.upload(input, new File(['%PDF'], 'return.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Upload and check the file' }));
    expect(
      await screen.findByRole('link', { name: 'The selected file must be a CSV or an Excel (.xlsx) file' }),
    ).toBeVisible();

    const huge = new File(['x'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(huge, 'size', { value: 6 * 1024 * 1024 });
    await user.upload(input, huge);
    await user.click(screen.getByRole('button', { name: 'Upload and check the file' }));
    expect(await screen.findByRole('link', { name: 'The selected file must be smaller than 5 MB' })).toBeVisible();
    expect(uploads).toHaveLength(0);
  });

  it("shows the server's refusal of a file (413) in the error summary", async () => {
    recordUploads(() =>
      problemResponse(
        problemFixture(413, 'Payload too large', {
          detail:
            'The file is larger than 5 MB, far larger than a monthly return. Check that you chose the right file.',
        }),
      ),
    );
    const { user } = renderApp('/returns');
    await user.upload(await screen.findByLabelText('Upload a file'), csvFile('kpi_code\r\n'));
    await user.click(screen.getByRole('button', { name: 'Upload and check the file' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The file is larger than 5 MB, far larger than a monthly return.');
    expect(summary).toHaveFocus();
  });
});

describe('an upload with problems', () => {
  beforeEach(() => signedInAs('commissioner'));

  it('sends the file itself as text/csv, then lists every problem with its location, focused', async () => {
    const uploads = recordUploads(() => HttpResponse.json(rejectedUploadFixture));
    answerUpload(rejectedUploadFixture);
    const { user, pathname } = renderApp('/returns');
    const csv = 'kpi_code,title,units,2024-03\r\nPI1,t,u,150\r\n';
    await user.upload(await screen.findByLabelText('Upload a file'), csvFile(csv));
    await user.click(screen.getByRole('button', { name: 'Upload and check the file' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Correct the problems in the file' })).toBeVisible();
    expect(pathname()).toBe('/returns/uploads/40');
    expect(uploads).toEqual([{ fileName: 'return-contract-2018-2024-03.csv', contentType: 'text/csv', body: csv }]);

    const summary = screen.getByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    const items = within(summary)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Row 5, column 2024-03: "12.5.3" is not a figure we can read. Enter a number such as 12.5, 12.5% or 1,234, or one of the symbols c, x, z, low, u; leave the cell empty if there is no figure.',
      'Row 2, column 2024-03: PI1 is a percentage, so its figure must be between 0 and 100; 150 is not.',
      'Row 17, column kpi_code: "PI99" is not a KPI code in this dashboard. Use the code exactly as it is in the template, or delete the row.',
    ]);
    expect(document.title).toBe(`Error: Correct the problems in the file${TITLE_SUFFIX}`);

    // each summary entry leads to its row in the full table
    await user.click(within(summary).getAllByRole('link')[1]!);
    expect(screen.getByRole('rowheader', { name: 'Row 2, column 2024-03 PI1, March 2024' })).toHaveFocus();
    const table = screen.getByRole('table', { name: /Problems to correct/ });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByRole('link', { name: 'Download the full report (CSV)' })).toHaveAttribute(
      'href',
      '/api/returns/uploads/40/report.csv',
    );
    // and the form to send a corrected file
    expect(screen.getByLabelText('Upload the corrected file')).toHaveAttribute('type', 'file');
  });

  it('a file with very many problems: the summary gives the first 20, the table all of them', async () => {
    const [first] = rejectedUploadFixture.report.errors;
    const errors = Array.from({ length: 25 }, (_, i) => ({
      ...first!,
      row: i + 2,
      location: `row ${i + 2}, column "2024-03"`,
    }));
    answerUpload({
      ...rejectedUploadFixture,
      report: { errors, warnings: [] },
      counts: { ...rejectedUploadFixture.counts, errors: 25 },
      message: 'The file has 25 problems to correct before it can be loaded. Nothing has been saved.',
    } satisfies ReturnUploadResponse);
    renderApp('/returns/uploads/40');
    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('listitem')).toHaveLength(20);
    expect(
      within(summary).getByRole('link', { name: 'See all 25 problems in the table below (5 more)' }),
    ).toHaveAttribute('href', '#errors-heading');
    expect(within(screen.getByRole('table', { name: /Problems to correct/ })).getAllByRole('row')).toHaveLength(26);
  });

  it('an Excel file: problems are located by cell, and the upload is sent as xlsx', async () => {
    const uploads = recordUploads(() => HttpResponse.json(rejectedXlsxFixture));
    answerUpload(rejectedXlsxFixture);
    const { user } = renderApp('/returns');
    const xlsx = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'march-return.xlsx');
    await user.upload(await screen.findByLabelText('Upload a file'), xlsx);
    await user.click(screen.getByRole('button', { name: 'Upload and check the file' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(
      'Cell C4: The cell is formatted as a percentage (it shows 50%) but PI5 is a count.',
    );
    expect(uploads[0]).toMatchObject({
      fileName: 'march-return.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  it('a corrected file uploaded from the problems page opens its own preview', async () => {
    answerUpload(rejectedUploadFixture);
    recordUploads(() => HttpResponse.json(simplePreviewFixture));
    const { user, pathname } = renderApp('/returns/uploads/40');
    await user.upload(await screen.findByLabelText('Upload the corrected file'), csvFile('fixed'));
    await user.click(screen.getByRole('button', { name: 'Upload and check the file' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Check the figures before you load them' }),
    ).toBeVisible();
    expect(pathname()).toBe('/returns/uploads/42');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the preview', () => {
  beforeEach(() => signedInAs('commissioner'));

  it('shows counts, and changed figures old → new with their history', async () => {
    renderApp('/returns/uploads/41');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Check the figures before you load them' }),
    ).toBeVisible();
    expect(screen.getByRole('list', { name: 'What loading the file would do' })).toHaveTextContent(
      '1 new figure2 changed values0 figures confirmed1 figure unchanged1 warning',
    );
    const changed = screen.getByRole('table', { name: /Changed figures/ });
    const pi1 = within(changed).getByRole('row', { name: /PI1/ });
    expect(pi1).toHaveTextContent('March 2024');
    expect(pi1).toHaveTextContent('87.7% Illustrative');
    expect(pi1).toHaveTextContent('changes to → 78.4%');
    expect(pi1).toHaveTextContent('Replaces illustrative demo data');
    const pi5 = within(changed).getByRole('row', { name: /PI5/ });
    expect(pi5).toHaveTextContent('6 Monthly return: feb-return.csv');
    expect(pi5).toHaveTextContent('Changes a figure already reported');
    expect(within(pi5).getByRole('link', { name: 'History of PI5 for February 2024' })).toHaveAttribute(
      'href',
      '/returns/history?kpi=PI5&month=2024-02',
    );
    expect(
      within(screen.getByRole('table', { name: 'New figures' })).getByRole('row', { name: /PI14/ }),
    ).toHaveTextContent('17.25');
    const warnings = screen.getByRole('table', { name: /Warnings in/ });
    expect(warnings).toHaveTextContent('Row 3, column 2024-02');
  });

  it('counts changed values, confirmed figures and rating changes apart; a rating change stands out in words', async () => {
    answerUpload(ratingPreviewFixture);
    renderApp('/returns/uploads/45');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Check the figures before you load them' }),
    ).toBeVisible();
    expect(screen.getByRole('list', { name: 'What loading the file would do' })).toHaveTextContent(
      '0 new figures2 changed values1 figure confirmed0 figures unchanged1 rating changes0 warnings',
    );
    // the rating change comes first, with both ratings in words (the icon is beside each word)
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings.slice(0, 3)).toEqual([
      'Ratings that would change (1)',
      'Changed figures (2)',
      'Figures confirmed (1)',
    ]);
    const ratings = screen.getByRole('table', { name: /Ratings that would change/ });
    const pi4 = within(ratings).getByRole('row', { name: /PI4/ });
    expect(pi4).toHaveTextContent('85.9% Green');
    expect(pi4).toHaveTextContent('changes from Green to → 81.5% Amber');
    expect(pi4.querySelectorAll('svg.status-icon')).toHaveLength(2);
    // a confirmed figure is not listed as a change
    const changed = screen.getByRole('table', { name: /^Changed figures/ });
    expect(within(changed).queryByRole('row', { name: /PI2/ })).toBeNull();
    expect(within(changed).getByRole('row', { name: /PI4/ })).toBeVisible();
    const confirmed = screen.getByRole('table', { name: /^Figures confirmed/ });
    expect(within(confirmed).getByRole('row', { name: /PI2/ })).toHaveTextContent('53.1% Illustrative');
  });

  it('needs the warnings confirmed and a reason before it sends anything', async () => {
    const commits = recordCommits(() => HttpResponse.json(commitResponseFixture));
    const { user } = renderApp('/returns/uploads/41');
    await user.click(await screen.findByRole('button', { name: 'Load these figures' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveFocus();
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Confirm that you have checked the figures with warnings', '#confirm-warnings'],
      ['Enter a reason for the change', '#change-reason'],
    ]);
    expect(screen.getByRole('checkbox', { name: /I have checked these figures/ })).toBeInvalid();
    expect(screen.getByRole('textbox', { name: 'Reason for the change' })).toHaveAccessibleDescription(
      /Error: Enter a reason for the change/,
    );
    expect(document.title).toBe(`Error: Check the figures before you load them${TITLE_SUFFIX}`);
    expect(commits).toHaveLength(0);

    // ticking alone is not enough: the reason is still required
    await user.click(screen.getByRole('checkbox', { name: /I have checked these figures/ }));
    await user.click(screen.getByRole('button', { name: 'Load these figures' }));
    expect(
      within(await screen.findByRole('alert'))
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Enter a reason for the change']);
    expect(commits).toHaveLength(0);
  });

  it('loads with the confirmation and the reason, then shows the confirmation panel and links', async () => {
    const commits = recordCommits(() => HttpResponse.json(commitResponseFixture));
    const { user } = renderApp('/returns/uploads/41');
    await user.click(await screen.findByRole('checkbox', { name: /I have checked these figures/ }));
    await user.type(
      screen.getByRole('textbox', { name: 'Reason for the change' }),
      '  The Trust corrected February after a late recording ',
    );
    expect(screen.getByText(/You have 9\d\d characters remaining/)).toBeVisible();
    answerUpload(committedUploadFixture);
    await user.click(screen.getByRole('button', { name: 'Load these figures' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Figures loaded' });
    expect(commits).toEqual([{ confirmWarnings: true, reason: 'The Trust corrected February after a late recording' }]);
    await waitFor(() => expect(heading).toHaveFocus());
    expect(heading.parentElement).toHaveTextContent('1 new, 2 changed');
    expect(document.title).toBe(`Figures loaded${TITLE_SUFFIX}`);
    expect(screen.getByRole('link', { name: 'The scorecard for March 2024' })).toHaveAttribute(
      'href',
      '/scorecard?month=2024-03',
    );
    const kpis = screen.getByRole('region', { name: /KPIs with new or changed figures/ });
    expect(within(kpis).getByRole('link', { name: /^PI1 / })).toHaveAttribute('href', '/indicators/PI1?to=2024-03');
    expect(within(kpis).getByRole('link', { name: /^PI5 / })).toHaveAttribute('href', '/indicators/PI5?to=2024-02');
    const record = screen.getByRole('region', { name: 'Record of this upload' });
    expect(record).toHaveTextContent('Reason for the changeThe Trust corrected February after a late recording');
    expect(record).toHaveTextContent('SHA-256 fingerprint3f2a9c1b');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('asks for nothing extra when there are no warnings and no reported figure changes', async () => {
    answerUpload(simplePreviewFixture);
    const commits = recordCommits(() => HttpResponse.json(commitResponseFixture));
    const { user } = renderApp('/returns/uploads/42');
    await user.click(await screen.findByRole('button', { name: 'Load these figures' }));
    await waitFor(() => expect(commits).toEqual([{ confirmWarnings: false }]));
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Reason for the change' })).toBeNull();
  });

  it('409: explains that the figures changed since the preview and offers to upload the file again', async () => {
    recordCommits(() =>
      problemResponse(
        problemFixture(409, 'Conflict', {
          detail:
            'Figures in this file have changed in the dashboard since it was checked (PI1 March 2024), probably by another upload. Nothing was saved. Upload the file again to see a fresh preview.',
        }),
      ),
    );
    answerUpload(simplePreviewFixture);
    const { user } = renderApp('/returns/uploads/42');
    await user.click(await screen.findByRole('button', { name: 'Load these figures' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent(
      'Figures in this file have changed in the dashboard since it was checked (PI1 March 2024), probably by another upload. Nothing was saved.',
    );
    const again = within(summary).getByRole('link', { name: 'Upload the file again to see the latest figures' });
    await user.click(again);
    expect(screen.getByLabelText('Upload the file again')).toHaveFocus();
  });

  it('409 already_committed: says it was loaded and does not ask for the file again', async () => {
    recordCommits(() =>
      problemResponse(
        problemFixture(409, 'Conflict', {
          code: 'already_committed',
          detail:
            'This upload was already loaded on 10 April 2024 at 10:20 by Sam Patel. It cannot be loaded twice; upload the file again to see what it would change now.',
        }),
      ),
    );
    answerUpload(simplePreviewFixture);
    const { user } = renderApp('/returns/uploads/42');
    await user.click(await screen.findByRole('button', { name: 'Load these figures' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('This upload was already loaded on 10 April 2024 at 10:20 by Sam Patel.');
    expect(summary).toHaveTextContent('Reload this page to see what was loaded');
    expect(within(summary).queryByRole('link', { name: /Upload the file again/ })).toBeNull();
    expect(screen.queryByLabelText('Upload the file again')).toBeNull();
  });

  it('409 upload_abandoned: says it was abandoned and offers to upload the file again', async () => {
    recordCommits(() =>
      problemResponse(
        problemFixture(409, 'Conflict', {
          code: 'upload_abandoned',
          detail: 'This upload was abandoned on 10 April 2024 at 10:20 by Sam Patel, so nothing from it can be loaded.',
        }),
      ),
    );
    answerUpload(simplePreviewFixture);
    const { user } = renderApp('/returns/uploads/42');
    await user.click(await screen.findByRole('button', { name: 'Load these figures' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('This upload was abandoned on 10 April 2024 at 10:20 by Sam Patel');
    expect(
      within(summary).getByRole('link', { name: 'Upload the file again if its figures should be loaded' }),
    ).toBeVisible();
    expect(screen.getByLabelText('Upload the file again')).toBeVisible();
  });

  it('abandons the upload after a confirmation; the page then says it was abandoned', async () => {
    const abandoned: number[] = [];
    server.use(
      http.post(api('/api/returns/uploads/:id/abandon'), ({ params }) => {
        abandoned.push(Number(params.id));
        return HttpResponse.json({
          upload: { ...simplePreviewFixture.upload, outcome: 'abandoned' },
          abandon: { abandonedAt: '2024-04-10T09:20:00.000Z', abandonedBy: 'Commissioning manager' },
          message:
            'Abandoned on 10 April 2024 at 10:20: nothing from this file was saved, and it can no longer be loaded.',
        });
      }),
    );
    answerUpload(simplePreviewFixture);
    const { user } = renderApp('/returns/uploads/42');
    await user.click(await screen.findByRole('button', { name: 'Abandon this upload' }));
    const confirm = await screen.findByRole('heading', { name: `Abandon ${simplePreviewFixture.upload.fileName}?` });
    expect(confirm).toHaveFocus();
    expect(screen.getByText(/can never be loaded afterwards/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(abandoned).toEqual([]);
    expect(screen.getByRole('button', { name: 'Abandon this upload' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Abandon this upload' }));
    // The list and the page are fetched again after abandoning: answer as the server now would.
    answerUpload({
      ...simplePreviewFixture,
      upload: { ...simplePreviewFixture.upload, outcome: 'abandoned' },
      canCommit: false,
      abandon: { abandonedAt: '2024-04-10T09:20:00.000Z', abandonedBy: 'Commissioning manager' },
      message:
        'This upload was abandoned on 10 April 2024 at 10:20 by Commissioning manager; nothing from it was saved.',
    });
    await user.click(screen.getByRole('button', { name: 'Yes, abandon this upload' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Upload abandoned' })).toBeVisible();
    expect(abandoned).toEqual([simplePreviewFixture.upload.id]);
    expect(
      await screen.findByText(
        'This upload was abandoned on 10 April 2024 at 10:20 by Commissioning manager; nothing from it was saved.',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Load these figures' })).toBeNull();
  });

  it('shows why the server refused to abandon it', async () => {
    server.use(
      http.post(api('/api/returns/uploads/:id/abandon'), () =>
        problemResponse(
          problemFixture(409, 'Conflict', {
            code: 'already_committed',
            detail: 'This upload was loaded on 10 April 2024 at 10:20 by Sam Patel, so it cannot be abandoned.',
          }),
        ),
      ),
    );
    answerUpload(simplePreviewFixture);
    const { user } = renderApp('/returns/uploads/42');
    await user.click(await screen.findByRole('button', { name: 'Abandon this upload' }));
    await user.click(screen.getByRole('button', { name: 'Yes, abandon this upload' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This upload was loaded on 10 April 2024 at 10:20 by Sam Patel, so it cannot be abandoned.',
    );
  });

  it("403: says in the server's words why this person cannot load it", async () => {
    recordCommits(() =>
      problemResponse(
        problemFixture(403, 'Forbidden', {
          detail:
            'The file amends months presented to a locked meeting (February 2024). Only a commissioner or an administrator can load it.',
        }),
      ),
    );
    answerUpload(simplePreviewFixture);
    const { user } = renderApp('/returns/uploads/42');
    await user.click(await screen.findByRole('button', { name: 'Load these figures' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only a commissioner or an administrator can load it.');
  });

  it('a field error from the server is shown at its field', async () => {
    recordCommits(() =>
      problemResponse(
        problemFixture(400, 'Bad Request', {
          detail: 'The file changes figures already reported or in a locked month, so a reason is needed.',
          errors: [{ path: 'body.reason', message: 'Give a reason for changing figures that were already reported' }],
        }),
      ),
    );
    const { user } = renderApp('/returns/uploads/41');
    await user.click(await screen.findByRole('checkbox', { name: /I have checked these figures/ }));
    await user.type(screen.getByRole('textbox', { name: 'Reason for the change' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Load these figures' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link')).toHaveTextContent(
      'Give a reason for changing figures that were already reported',
    );
    expect(screen.getByRole('textbox', { name: 'Reason for the change' })).toBeInvalid();
  });

  it('an already-loaded file says so plainly, with nothing to load', async () => {
    answerUpload(alreadyLoadedFixture);
    renderApp('/returns/uploads/43');
    expect(await screen.findByRole('heading', { level: 1, name: 'This file has already been loaded' })).toBeVisible();
    expect(
      screen.getByText('This file was already loaded on 10 April 2024 at 10:20 by Sam Patel; nothing would change.'),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'See the upload that loaded it' })).toHaveAttribute(
      'href',
      '/returns/uploads/41',
    );
    expect(screen.queryByRole('button', { name: 'Load these figures' })).toBeNull();
  });

  it('an upload that does not exist says so', async () => {
    server.use(
      http.get(api('/api/returns/uploads/:id'), () =>
        problemResponse(problemFixture(404, 'Not Found', { detail: 'There is no monthly return upload 999.' })),
      ),
    );
    renderApp('/returns/uploads/999');
    expect(await screen.findByRole('heading', { level: 1, name: 'Upload not found' })).toBeVisible();
    expect(screen.getByText('There is no monthly return upload 999.')).toBeVisible();
  });
});

describe('a large upload (a backfill) is paged', () => {
  beforeEach(() => signedInAs('commissioner'));

  /** The KPI and month of each body row of a preview table: "PI1 April 2014". */
  function rowKeys(table: HTMLElement): string[] {
    return within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => `${row.querySelector('.cell-code')?.textContent} ${row.querySelector('.cell-month')?.textContent}`);
  }

  const monthName = (month: string) =>
    new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

  it('a normal monthly return shows every figure: no pages, no summary, no filter', async () => {
    answerUpload(previewFixture);
    renderApp('/returns/uploads/41');
    await screen.findByRole('heading', { level: 1, name: 'Check the figures before you load them' });
    expect(within(screen.getByRole('table', { name: 'New figures' })).getAllByRole('row')).toHaveLength(2);
    expect(within(screen.getByRole('table', { name: /^Changed figures/ })).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('heading', { level: 2, name: 'New figures (1)' })).toBeVisible();
    expect(screen.queryByRole('navigation', { name: /^Pages of/ })).toBeNull();
    expect(screen.queryByText(/^Showing \d/)).toBeNull();
    expect(screen.queryByLabelText('Show figures for')).toBeNull();
    expect(screen.queryByRole('table', { name: /by KPI/ })).toBeNull();
  });

  it('shows the first 100 new figures, how many there are, and the pages', async () => {
    answerUpload(backfillPreviewFixture);
    renderApp('/returns/uploads/44');
    await screen.findByRole('heading', { level: 1, name: 'Check the figures before you load them' });
    expect(screen.getByRole('list', { name: 'What loading the file would do' })).toHaveTextContent(
      '240 new figures24 changed figures96 figures unchanged0 warnings',
    );
    const section = screen.getByRole('region', { name: 'New figures (240)' });
    expect(within(section).getByText(/^Showing/)).toHaveTextContent('Showing 1 to 100 of 240 new figures');
    const keys = rowKeys(within(section).getByRole('table', { name: 'New figures' }));
    expect(keys).toHaveLength(100);
    expect(keys[0]).toBe('PI1 April 2014');
    expect(keys[99]).toBe('PI1 July 2022');

    const pages = screen.getByRole('navigation', { name: 'Pages of new figures' });
    expect(
      within(pages)
        .getAllByRole('button', { name: /^Page \d+$/ })
        .map((b) => b.textContent),
    ).toEqual(['1', '2', '3']);
    expect(within(pages).getByRole('button', { name: 'Next page' })).toBeVisible();
    expect(within(pages).queryByRole('button', { name: 'Previous page' })).toBeNull();
    expect(within(pages).getByRole('button', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
    expect(within(pages).getByRole('button', { name: 'Page 2' })).not.toHaveAttribute('aria-current');
    // the changed figures (24) and the unchanged ones (96) fit on a page: no pages for them
    expect(within(screen.getByRole('table', { name: /^Changed figures/ })).getAllByRole('row')).toHaveLength(25);
    expect(
      within(screen.getByRole('table', { name: 'Figures that would not change' })).getAllByRole('row'),
    ).toHaveLength(97);
    expect(screen.getAllByRole('navigation', { name: /^Pages of/ })).toHaveLength(1);
  });

  it('Next shows rows 101 to 200, moves focus to the "Showing" line and marks page 2 as current', async () => {
    answerUpload(backfillPreviewFixture);
    const { user } = renderApp('/returns/uploads/44');
    const pages = await screen.findByRole('navigation', { name: 'Pages of new figures' });
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));

    const section = screen.getByRole('region', { name: 'New figures (240)' });
    const showing = within(section).getByText(/^Showing/);
    expect(showing).toHaveTextContent('Showing 101 to 200 of 240 new figures');
    expect(showing).toHaveFocus();
    const keys = rowKeys(within(section).getByRole('table', { name: 'New figures' }));
    expect(keys).toHaveLength(100);
    expect(keys[0]).toBe('PI1 August 2022');
    expect(keys[19]).toBe('PI1 March 2024');
    expect(keys[20]).toBe('PI5 April 2014');
    expect(keys[99]).toBe('PI5 November 2020');
    expect(within(pages).getByRole('button', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
    expect(within(pages).getByRole('button', { name: 'Previous page' })).toBeVisible();

    // the last page holds the rest; there is no Next on it
    await user.click(within(pages).getByRole('button', { name: 'Page 3' }));
    expect(within(section).getByText(/^Showing/)).toHaveTextContent('Showing 201 to 240 of 240 new figures');
    expect(within(section).getByText(/^Showing/)).toHaveFocus();
    expect(rowKeys(within(section).getByRole('table', { name: 'New figures' }))).toHaveLength(40);
    expect(within(pages).queryByRole('button', { name: 'Next page' })).toBeNull();
    await user.click(within(pages).getByRole('button', { name: 'Previous page' }));
    expect(within(section).getByText(/^Showing/)).toHaveTextContent('Showing 101 to 200 of 240 new figures');
  });

  it('summarises the figures by KPI: new, changed, unchanged, first and last month', async () => {
    answerUpload(backfillPreviewFixture);
    renderApp('/returns/uploads/44');
    const table = await screen.findByRole('table', { name: /^Figures in the file by KPI/ });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['KPI', 'Title', 'New', 'Changed', 'Unchanged', 'First month', 'Last month'],
      ['PI1', 'Contacts accepted as MASH referrals within 24 hours', '120', '0', '0', 'April 2014', 'March 2024'],
      ['PI5', 'Children unallocated for more than 5 working days', '120', '0', '0', 'April 2014', 'March 2024'],
      ['PI14', 'Average caseloads across the service', '0', '24', '96', 'April 2014', 'March 2024'],
      ['All 3 KPIs (360 figures)', '240', '24', '96', 'April 2014', 'March 2024'],
    ]);
    expect(screen.getByRole('heading', { level: 2, name: 'Figures by KPI (3)' })).toBeVisible();
  });

  it('"Show figures for" narrows every list to one KPI\'s months, from its first page', async () => {
    answerUpload(backfillPreviewFixture);
    const { user } = renderApp('/returns/uploads/44');
    const select = await screen.findByLabelText('Show figures for');
    const status = within(select.parentElement!).getByRole('status');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'All KPIs (360 figures)',
      'PI1 Contacts accepted as MASH referrals within 24 hours (120 figures)',
      'PI5 Children unallocated for more than 5 working days (120 figures)',
      'PI14 Average caseloads across the service (120 figures)',
    ]);
    expect(status).toHaveTextContent('Showing all 360 figures in the file.');
    // on page 2 of all the new figures first: choosing a KPI starts its list at page 1
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await user.selectOptions(select, 'PI5');
    expect(select).toHaveFocus();
    expect(status).toHaveTextContent('Showing the 120 figures for PI5: 120 new, 0 changed, 0 unchanged.');

    const section = screen.getByRole('region', { name: 'New figures for PI5 (120)' });
    expect(within(section).getByText(/^Showing/)).toHaveTextContent('Showing 1 to 100 of 120 new figures');
    expect(rowKeys(within(section).getByRole('table', { name: 'New figures' }))).toEqual(
      BACKFILL_MONTHS.slice(0, 100).map((month) => `PI5 ${monthName(month)}`),
    );
    await user.click(within(section).getByRole('button', { name: 'Next page' }));
    expect(rowKeys(within(section).getByRole('table', { name: 'New figures' }))).toEqual(
      BACKFILL_MONTHS.slice(100).map((month) => `PI5 ${monthName(month)}`),
    );
    expect(
      within(screen.getByRole('region', { name: 'Changed figures for PI5 (0)' })).getByText(
        'There are no changed figures for PI5.',
      ),
    ).toBeVisible();

    // PI14: its changed and unchanged figures, each fitting on one page
    await user.selectOptions(select, 'PI14');
    expect(screen.queryByRole('navigation', { name: /^Pages of/ })).toBeNull();
    expect(rowKeys(screen.getByRole('table', { name: /^Changed figures/ }))).toEqual(
      BACKFILL_MONTHS.slice(96).map((month) => `PI14 ${monthName(month)}`),
    );
    expect(screen.getByText('Figures that would not change for PI14 (96)')).toBeVisible();

    await user.selectOptions(select, '');
    expect(screen.getByRole('region', { name: 'New figures (240)' })).toBeVisible();
    expect(status).toHaveTextContent('Showing all 360 figures in the file.');
  });

  it('once loaded, the new figures are paged too', async () => {
    answerUpload({
      ...backfillPreviewFixture,
      upload: { ...backfillPreviewFixture.upload, outcome: 'committed' },
      canCommit: false,
      commit: { ...commitResponseFixture.commit, created: 240, changed: 24, revisionsWritten: 264, reason: null },
      message: 'Loaded on 10 April 2024 at 10:20 by Sam Patel: 240 new figures and 24 changed figures.',
    } satisfies ReturnUploadResponse);
    const { user } = renderApp('/returns/uploads/44');
    expect(await screen.findByRole('heading', { level: 1, name: 'Figures loaded' })).toBeVisible();
    expect(within(screen.getByRole('table', { name: /^Figures changed/ })).getAllByRole('row')).toHaveLength(25);
    await user.click(screen.getByText('New figures (240)'));
    const pages = screen.getByRole('navigation', { name: 'Pages of new figures' });
    expect(screen.getByText(/^Showing/)).toHaveTextContent('Showing 1 to 100 of 240 new figures');
    await user.click(within(pages).getByRole('button', { name: 'Page 3' }));
    expect(screen.getByText(/^Showing/)).toHaveTextContent('Showing 201 to 240 of 240 new figures');
    expect(screen.getByText(/^Showing/)).toHaveFocus();
  });
});

describe('the history of a figure', () => {
  beforeEach(() => signedInAs('analyst'));

  it('lists every revision: who, when, from which file and why', async () => {
    const requests = recordRequests('/api/returns/history', () => HttpResponse.json(historyFixture));
    renderApp('/returns/history?kpi=PI5&month=2024-02');
    expect(await screen.findByRole('heading', { level: 1, name: 'History of PI5 for February 2024' })).toBeVisible();
    expect(document.title).toBe(`History of PI5 for February 2024${TITLE_SUFFIX}`);
    expect(requests.map((q) => q.toString())).toEqual(['kpi=PI5&month=2024-02']);
    const table = await screen.findByRole('table', { name: /Every revision of PI5 for February 2024/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('10 April 2024 at 10:20');
    expect(rows[1]).toHaveTextContent('Sam Patel Commissioner');
    expect(rows[1]).toHaveTextContent('69');
    expect(rows[1]).toHaveTextContent('The Trust corrected February after a late recording');
    expect(rows[1]).toHaveTextContent('SHA-256 3f2a9c1b7d4e');
    expect(within(rows[1]!).getByRole('link', { name: 'return-contract-2018-2024-03.csv' })).toHaveAttribute(
      'href',
      '/returns/uploads/41',
    );
    expect(screen.getByRole('region', { name: 'The figure now' })).toHaveTextContent('StatusRevised');
  });

  it('shows a figure exactly as stored when the display rounds part of it away (74.94 → 74.9 is a change)', async () => {
    const percent = {
      ...historyFixture,
      unit: 'percent' as const,
      precision: 1,
      current: { ...historyFixture.current!, value: 74.9, displayValue: '74.9%' },
      revisions: [
        {
          ...historyFixture.revisions[0]!,
          old: { value: 74.94, symbol: null, displayValue: '74.9%' },
          new: { value: 74.9, symbol: null, displayValue: '74.9%' },
        },
      ],
    };
    server.use(http.get(api('/api/returns/history'), () => HttpResponse.json(percent)));
    renderApp('/returns/history?kpi=PI5&month=2024-02');
    const table = await screen.findByRole('table', { name: /Every revision of PI5 for February 2024/ });
    const [row] = within(table).getAllByRole('row').slice(1);
    expect(row).toHaveTextContent('74.9% as stored: 74.94');
    expect(row).not.toHaveTextContent(/as stored: 74\.9(?!4)/);
    expect(screen.getByRole('region', { name: 'The figure now' })).not.toHaveTextContent('as stored');
  });
});
