import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { api } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { scorecardFixture } from '../../testing/scorecardFixtures';
import { pi4SeriesFixture } from '../../testing/seriesFixtures';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';
import { describeSpc } from './spcModel';

async function openSpc(role: 'viewer' | 'commissioner') {
  signedInAs(role);
  const app = renderApp('/indicators/PI4');
  await screen.findByRole('figure', { name: /^PI4 SPC chart/ }, { timeout: 10_000 });
  return app;
}

describe('SPC on the KPI page', () => {
  it('shows the icons in words, the chart as a figure described in words, and the table', async () => {
    await openSpc('viewer');
    const section = screen.getByRole('region', { name: 'Signal or noise (statistical process control)' });
    const spc = pi4SeriesFixture.spc!;
    expect(within(section).getByText(spc.icons!.variation.words)).toBeVisible();
    const figure = within(section).getByRole('figure', { name: /^PI4 SPC chart, October 2019 to September 2021/ });
    expect(figure).toHaveAccessibleDescription(describeSpc(pi4SeriesFixture, spc));
    expect(within(figure).getByRole('list', { name: 'Key to the SPC chart' })).toHaveTextContent(
      /Special cause: concern \(square\)/,
    );
    const table = within(figure).getByRole('table', { name: /^PI4 SPC chart/ });
    expect(within(table).getAllByRole('row')).toHaveLength(pi4SeriesFixture.points.length + 1);
    // Viewers see the rebases but cannot add one.
    expect(within(section).queryByRole('button', { name: 'Recalculate the limits' })).toBeNull();
  });

  it('lets a commissioner recalculate the limits from a month with a reason', async () => {
    const sent: unknown[] = [];
    server.use(
      http.post(api('/api/indicators/PI4/spc-rebases'), async ({ request }) => {
        const body = (await request.json()) as { month: string; reason: string };
        sent.push(body);
        return HttpResponse.json(
          { id: 1, ...body, createdBy: 'Commissioner', createdAt: '2021-10-01T09:00:00.000Z' },
          { status: 201 },
        );
      }),
    );
    const { user } = await openSpc('commissioner');
    await user.selectOptions(screen.getByLabelText('Recalculate the limits from'), '2021-04');
    await user.type(screen.getByLabelText('Why'), 'New KPI set from April 2021');
    await user.click(screen.getByRole('button', { name: 'Recalculate the limits' }));
    await vi.waitFor(() => expect(sent).toEqual([{ month: '2021-04', reason: 'New KPI set from April 2021' }]));
  });
});

describe('SPC icons on the scorecard', () => {
  it('gives each card its icons with their meaning in words', async () => {
    signedInAs('viewer');
    renderApp('/scorecard?month=2021-03&view=cards');
    const first = scorecardFixture.items.find((i) => i.spc.icons)!;
    const card = await screen.findByRole('article', { name: new RegExp(`^${first.code} `) }, { timeout: 10_000 });
    expect(within(card).getByText(`Variation: ${first.spc.icons!.variation.title}`)).toBeVisible();
    expect(within(card).getByText(first.spc.icons!.variation.words)).toBeVisible();
  });

  it('gives each row of the compact scorecard both glyphs, with their meaning in words', async () => {
    signedInAs('viewer');
    renderApp('/scorecard?month=2021-03');
    const first = scorecardFixture.items.find((i) => i.spc.icons)!;
    const table = await screen.findByRole('table', {}, { timeout: 10_000 });
    const row = within(table).getByRole('row', { name: new RegExp(`^${first.code} `) });
    expect(row.textContent).toContain(
      `Variation: ${first.spc.icons!.variation.title}. ${first.spc.icons!.variation.words}`,
    );
    // Once read "Common cause variation. Common cause variation: the latest month …".
    const title = first.spc.icons!.variation.title;
    expect(row.textContent!.split(`${title}. ${title}`)).toHaveLength(1);
    expect(first.spc.icons!.variation.words).not.toContain(title);
  });
});
