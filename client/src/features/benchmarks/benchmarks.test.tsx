import type { DfeImportBody } from '@kpi/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import {
  chooseModelFixture,
  dfeImportFixture,
  dfePreviewFixture,
  snModelsFixture,
  sourcesFixture,
} from '../../testing/benchmarkFixtures';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

function csv(name = dfePreviewFixture.upload.fileName) {
  return new File(['time_period,geographic_level\n2025,National\n'], name, { type: 'text/csv' });
}

/** Records every import request's body and answers as the server would for a dry run or an import. */
function recordImports(respond?: (body: DfeImportBody) => Response) {
  const bodies: DfeImportBody[] = [];
  server.use(
    http.post(api('/api/benchmarks/dfe/import'), async ({ request }) => {
      const body = (await request.json()) as DfeImportBody;
      bodies.push(body);
      return respond ? respond(body) : HttpResponse.json(dfeImportFixture(body.dryRun === true));
    }),
  );
  return bodies;
}

function answerPreview() {
  const previews: { fileName: string | null; contentType: string | null }[] = [];
  server.use(
    http.post(api('/api/benchmarks/dfe/preview'), ({ request }) => {
      previews.push({
        fileName: new URL(request.url).searchParams.get('fileName'),
        contentType: request.headers.get('content-type'),
      });
      return HttpResponse.json(dfePreviewFixture);
    }),
  );
  return previews;
}

beforeEach(() => {
  server.use(
    http.get(api('/api/benchmarks/sources'), () => HttpResponse.json(sourcesFixture)),
    http.get(api('/api/benchmarks/sn-models'), () => HttpResponse.json(snModelsFixture)),
  );
});

describe('who can reach benchmark data', () => {
  it('analysts, commissioners and administrators have "Benchmark data" in the navigation', async () => {
    for (const role of ['analyst', 'commissioner', 'admin'] as const) {
      signedInAs(role);
      const { unmount } = renderApp('/');
      const nav = await screen.findByRole('navigation', { name: 'Main' });
      expect(within(nav).getByRole('link', { name: 'Benchmark data' })).toHaveAttribute('href', '/benchmarks');
      unmount();
    }
  });

  it('a viewer has no navigation item and gets "no access" on the import screen', async () => {
    signedInAs('viewer');
    renderApp('/benchmarks/dfe');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Benchmark data' })).toBeNull();
    expect(screen.queryByLabelText('DfE release file')).toBeNull();
  });
});

describe('the overview', () => {
  beforeEach(() => signedInAs('commissioner'));

  it('lists the sources with their KPIs, the model in use with its neighbours and the population years', async () => {
    renderApp('/benchmarks');
    expect(await screen.findByRole('heading', { level: 1, name: 'Benchmark data' })).toBeVisible();
    const sources = await screen.findByRole('table', { name: /Every benchmark import/ });
    expect(within(sources).getByText('DfE Children in need 2025, table C4')).toBeVisible();
    expect(within(sources).getByRole('link', { name: 'PI3' })).toHaveAttribute('href', '/indicators/PI3');
    expect(within(sources).getByText(/by Trust analyst/)).toBeVisible();
    const neighbours = await screen.findByRole('table', {
      name: /Neighbours in DfE statistical neighbours \(April 2021\)/,
    });
    expect(within(neighbours).getByRole('rowheader', { name: /Walsall/ })).toBeVisible();
    expect(screen.getByText(/Mid-year estimates for 2023 to 2024/)).toBeVisible();
  });

  it('says plainly when nothing is loaded', async () => {
    server.use(
      http.get(api('/api/benchmarks/sources'), () =>
        HttpResponse.json({ sources: [], populationYears: [], measureKpis: [] }),
      ),
      http.get(api('/api/benchmarks/sn-models'), () => HttpResponse.json({ inUse: null, models: [] })),
    );
    renderApp('/benchmarks');
    expect(await screen.findByRole('heading', { name: 'No benchmark file has been imported here yet' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'No statistical-neighbour model is chosen' })).toBeVisible();
    expect(screen.getByText(/No ONS populations are loaded/)).toBeVisible();
  });

  it('explains a failure to load, with a way to try again', async () => {
    server.use(
      http.get(api('/api/benchmarks/sources'), () => problemResponse(problemFixture(500, 'Internal Server Error'))),
    );
    renderApp('/benchmarks');
    expect(await screen.findByRole('heading', { name: 'Sorry, there is a problem with the service' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});

describe('importing a DfE release file', () => {
  beforeEach(() => signedInAs('analyst'));

  async function chooseFile(user: ReturnType<typeof renderApp>['user']) {
    await user.upload(await screen.findByLabelText('DfE release file'), csv());
    await user.click(screen.getByRole('button', { name: 'Read the file' }));
    return screen.findByRole('heading', { level: 1, name: 'Map the file to the KPIs' });
  }

  it('maps PI3 as a ratio, checks the figures (nothing written), then imports and links to the KPI', async () => {
    const previews = answerPreview();
    const imports = recordImports();
    const { user } = renderApp('/benchmarks/dfe');
    await chooseFile(user);
    expect(previews).toEqual([{ fileName: dfePreviewFixture.upload.fileName, contentType: 'text/csv' }]);
    expect(screen.getByText(/2,132 rows/)).toBeVisible();

    const pi3 = screen.getByRole('group', { name: 'PI3 ICPCs within 15 working days' });
    await user.click(within(pi3).getByLabelText('A ratio: columns divided by another column'));
    const top = within(pi3).getByRole('group', { name: /Top of the ratio/ });
    await user.click(within(top).getByLabelText(/^Duration_0-10_days/));
    await user.click(within(top).getByLabelText(/^Duration_11-15_days/));
    await user.selectOptions(within(pi3).getByLabelText(/Divided by/), 'ICPC');
    await user.type(screen.getByLabelText('Release and table'), 'DfE Children in need 2025, table C4');
    await user.click(screen.getByRole('button', { name: 'Check the figures' }));

    const heading = await screen.findByRole('heading', { name: 'Check the figures before importing' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(imports[0]).toEqual({
      uploadId: 71,
      sourceRelease: 'DfE Children in need 2025, table C4',
      dryRun: true,
      mappings: [
        {
          measureCode: 'icpc_timeliness_pct',
          unit: 'percent',
          numerator: ['Duration_0-10_days', 'Duration_11-15_days'],
          denominator: 'ICPC',
        },
      ],
    });
    const table = screen.getByRole('table', { name: /PI3 ICPCs within 15 working days: icpc_timeliness_pct/ });
    const row = within(table).getByRole('row', { name: /^2025/ });
    expect(within(row).getByText('92.4%')).toBeVisible();
    expect(within(row).getByText('81.2%')).toBeVisible(); // the neighbour mean at PI3's precision
    expect(within(row).getByText(/9 of 10 neighbours contributed; left out: Luton \(c, confidential\)/)).toBeVisible();
    expect(within(row).getByText('c')).toBeVisible(); // West Midlands suppressed: the symbol, with its meaning
    expect(screen.getByText(/Kept as the symbol, never read as zero/)).toBeVisible();
    expect(screen.getByText(/Importing would store 2,000 new figures/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Import the figures' }));
    const done = await screen.findByRole('heading', { level: 1, name: 'Benchmark figures imported' });
    await waitFor(() => expect(done).toHaveFocus());
    expect(imports[1]).toEqual({ ...imports[0], dryRun: undefined });
    expect(imports[1]).not.toHaveProperty('dryRun');
    expect(screen.getByRole('link', { name: 'PI3 ICPCs within 15 working days' })).toHaveAttribute(
      'href',
      '/indicators/PI3',
    );
  });

  it('lists what to correct before anything is sent: no mapping chosen, no release named', async () => {
    answerPreview();
    const imports = recordImports();
    const { user } = renderApp('/benchmarks/dfe');
    await chooseFile(user);
    await user.click(screen.getByRole('button', { name: 'Check the figures' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(within(summary).getByRole('link', { name: /Name the release and table/ })).toBeVisible();
    expect(within(summary).getByRole('link', { name: /Choose how at least one measure is read/ })).toBeVisible();

    const pi3 = screen.getByRole('group', { name: 'PI3 ICPCs within 15 working days' });
    await user.click(within(pi3).getByLabelText('A ratio: columns divided by another column'));
    await user.click(screen.getByRole('button', { name: 'Check the figures' }));
    expect(await screen.findByRole('link', { name: /PI3: choose the column \(or columns\) on the top/ })).toBeVisible();
    expect(within(pi3).getByText(/PI3: choose the column to divide by/)).toBeVisible();
    expect(imports).toHaveLength(0);
  });

  it('shows the server’s problems with the mapping by row and column', async () => {
    answerPreview();
    recordImports(() =>
      problemResponse(
        problemFixture(400, 'Bad Request', {
          detail: 'The mapping cannot be imported: Row 12 has two figures for Sandwell 2025 (and 1 more problem).',
          errors: [
            { path: 'file.row.12.ICPC', message: 'Sandwell 2025 appears twice; filter on category' },
            { path: 'body.mappings.0.numerator', message: 'The file has no column "Duration_0_10"' },
          ],
        }),
      ),
    );
    const { user } = renderApp('/benchmarks/dfe');
    await chooseFile(user);
    const pi3 = screen.getByRole('group', { name: 'PI3 ICPCs within 15 working days' });
    await user.click(within(pi3).getByLabelText('One column, as published'));
    await user.selectOptions(within(pi3).getByLabelText('Column'), 'ICPC');
    await user.type(screen.getByLabelText('Release and table'), 'DfE C4');
    await user.click(screen.getByRole('button', { name: 'Check the figures' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(/Row 12 has two figures/)).toBeVisible();
    const problems = screen.getByRole('table', { name: 'Problems with the mapping or the file' });
    expect(within(problems).getByRole('rowheader', { name: 'Row 12, column ICPC' })).toBeVisible();
    expect(within(problems).getByRole('rowheader', { name: 'icpc_timeliness_pct (numerator)' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Import the figures' })).toBeNull();
  });

  it('refuses a workbook in the browser, and shows a file the server cannot read with its problems', async () => {
    server.use(
      http.post(api('/api/benchmarks/dfe/preview'), () =>
        problemResponse(
          problemFixture(400, 'Bad Request', {
            detail: 'This is not a tidy DfE file: it has no time_period column.',
            errors: [{ path: 'file.columns', message: 'Add the time_period column' }],
          }),
        ),
      ),
    );
    const { user } = renderApp('/benchmarks/dfe');
    await user.upload(await screen.findByLabelText('DfE release file'), csv('sn_april_2021.xlsx'));
    await user.click(screen.getByRole('button', { name: 'Read the file' }));
    expect(await screen.findByRole('link', { name: /is an Excel workbook/ })).toBeVisible();

    await user.upload(screen.getByLabelText('DfE release file'), csv('not-tidy.csv'));
    await user.click(screen.getByRole('button', { name: 'Read the file' }));
    expect(await screen.findByText(/it has no time_period column/)).toBeVisible();
    const problems = screen.getByRole('table', { name: 'Problems in the file' });
    expect(within(problems).getByRole('rowheader', { name: 'The column headings (row 1)' })).toBeVisible();
  });
});

describe('ONS populations', () => {
  beforeEach(() => signedInAs('commissioner'));

  it('imports a file and says which years and areas were loaded, and the estimates not given', async () => {
    let asked: URL | null = null;
    server.use(
      http.post(api('/api/benchmarks/populations'), ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json({
          upload: { ...dfePreviewFixture.upload, kind: 'ons_population', outcome: 'committed' },
          sourceRelease: 'ONS mid-year population estimates, children aged 0 to 17 (ons.csv)',
          durationMs: 100,
          rows: { inserted: 2210, changed: 0, unchanged: 0 },
          years: [2012, 2024],
          areas: 170,
          changes: [],
          changesTotal: 0,
          skipped: {
            unknownAreas: [],
            otherLevels: [],
            otherAgeGroups: [],
            noEstimate: [{ row: 40, areaCode: 'E10000021', areaName: 'Northamptonshire', year: 2022, symbol: 'x' }],
          },
        });
      }),
    );
    const { user } = renderApp('/benchmarks/populations');
    await user.upload(await screen.findByLabelText('ONS population file'), csv('ons.csv'));
    await user.click(screen.getByRole('button', { name: 'Import the populations' }));
    const heading = await screen.findByRole('heading', { name: 'Populations imported' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(asked!.searchParams.get('fileName')).toBe('ons.csv');
    expect(asked!.searchParams.has('sourceRelease')).toBe(false);
    expect(screen.getByText('2012 to 2024 (2 years)')).toBeVisible();
    const missing = screen.getByRole('table', { name: /1 estimate not given/ });
    expect(within(missing).getByText('x (not available)')).toBeVisible();
  });

  it('shows a bad cell by row and column', async () => {
    server.use(
      http.post(api('/api/benchmarks/populations'), () =>
        problemResponse(
          problemFixture(400, 'Bad Request', {
            detail: 'The population file cannot be imported: row 5 population_estimate is "lots".',
            errors: [{ path: 'file.row.5.population_estimate', message: '"lots" is not a number' }],
          }),
        ),
      ),
    );
    const { user } = renderApp('/benchmarks/populations');
    await user.upload(await screen.findByLabelText('ONS population file'), csv('ons.csv'));
    await user.click(screen.getByRole('button', { name: 'Import the populations' }));
    const problems = await screen.findByRole('table', { name: 'Problems in the file' });
    expect(within(problems).getByRole('rowheader', { name: 'Row 5, column population_estimate' })).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Populations imported' })).toBeNull();
  });
});

describe('statistical-neighbour models', () => {
  it('an administrator sees who joins and leaves before changing the model, then the averages recomputed', async () => {
    signedInAs('admin');
    const chosen: unknown[] = [];
    server.use(
      http.put(api('/api/organisation/sn-model'), async ({ request }) => {
        chosen.push(await request.json());
        return HttpResponse.json(chooseModelFixture);
      }),
    );
    const { user } = renderApp('/benchmarks/sn-models');
    await user.click(await screen.findByLabelText(/DfE statistical neighbours \(May 2025\)/));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByRole('heading', { name: /Change to DfE statistical neighbours \(May 2025\)/ }),
    ).toHaveFocus();
    expect(screen.getByText('Joining the neighbours: Birmingham')).toBeVisible();
    expect(screen.getByText('Leaving the neighbours: Walsall')).toBeVisible();
    expect(screen.getByText(/neighbour line on every KPI/)).toBeVisible();
    expect(chosen).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Change the model' }));
    expect(
      await screen.findByRole('heading', { name: 'The organisation now uses DfE statistical neighbours (May 2025)' }),
    ).toBeVisible();
    expect(chosen).toEqual([{ modelCode: 'dfe-sn-2025-05' }]);
    expect(screen.getByText(/26 changed/)).toBeVisible();
  });

  it("accepts DfE's workbook (.xlsx), sends it as a workbook, and shows a bad cell by sheet and cell", async () => {
    signedInAs('analyst');
    const asked: Array<{ url: URL; contentType: string | null }> = [];
    server.use(
      http.post(api('/api/benchmarks/sn-models'), ({ request }) => {
        asked.push({ url: new URL(request.url), contentType: request.headers.get('content-type') });
        return problemResponse(
          problemFixture(400, 'Bad Request', {
            detail:
              'The statistical-neighbour list cannot be imported: \'LA SN Groups\'!F110 (SN1): "Wolverhampton" is not a three-digit DfE LA number.',
            errors: [
              {
                path: 'file.row.110.SN1',
                message: `'LA SN Groups'!F110 (SN1): "Wolverhampton" is not a three-digit DfE LA number`,
              },
            ],
          }),
        );
      }),
    );
    const { user } = renderApp('/benchmarks/sn-models');
    const input = await screen.findByLabelText('DfE statistical-neighbour file');
    expect(input).toHaveAttribute('accept', expect.stringContaining('.xlsx'));
    await user.type(screen.getByLabelText('Model code'), 'dfe-sn-2025-05');
    await user.type(screen.getByLabelText('Model name'), 'DfE May 2025');
    await user.type(screen.getByLabelText('Month published'), '2025-05');

    await user.upload(input, new File(['PK'], 'sn_may_2025.xlsx'));
    await user.click(screen.getByRole('button', { name: 'Import the neighbour lists' }));
    const problems = await screen.findByRole('table', { name: 'Problems in the file' });
    expect(within(problems).getByText(/'LA SN Groups'!F110 \(SN1\): "Wolverhampton"/)).toBeVisible();
    expect(asked).toHaveLength(1);
    expect(asked[0]!.url.searchParams.get('fileName')).toBe('sn_may_2025.xlsx');
    expect(asked[0]!.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('an analyst can import a list but is told only an administrator changes the model', async () => {
    signedInAs('analyst');
    let asked: URL | null = null;
    server.use(
      http.post(api('/api/benchmarks/sn-models'), ({ request }) => {
        asked = new URL(request.url);
        return problemResponse(
          problemFixture(400, 'Bad Request', {
            detail: 'querystring/code: Use lower-case letters, digits and hyphens',
            errors: [{ path: 'querystring.code', message: 'Use lower-case letters, digits and hyphens' }],
          }),
        );
      }),
    );
    const { user } = renderApp('/benchmarks/sn-models');
    expect(await screen.findByText(/Only an administrator can change the model/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
    await user.upload(screen.getByLabelText('DfE statistical-neighbour file'), csv('sn.csv'));
    await user.type(screen.getByLabelText('Model code'), 'Bad Code');
    await user.type(screen.getByLabelText('Model name'), 'A model');
    await user.type(screen.getByLabelText('Month published'), '2025-05');
    await user.click(screen.getByRole('button', { name: 'Import the neighbour lists' }));
    expect(
      await screen.findByText('Use lower-case letters, digits and hyphens', {
        selector: '.error-message *, .error-message',
      }),
    ).toBeVisible();
    expect(asked!.searchParams.get('code')).toBe('Bad Code');
  });
});
