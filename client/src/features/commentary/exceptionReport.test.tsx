import type { ExceptionItem, ExceptionReport } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { exceptionReportFixture } from '../../testing/commentaryFixtures';
import { api } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

function item(code: string, more: Partial<ExceptionItem>): ExceptionItem {
  return {
    code,
    title: `${code} title`,
    month: '2025-07',
    status: 'green',
    displayValue: '44.6 per 10,000',
    reasons: [],
    commentary: null,
    commentaryMissing: true,
    openActions: [],
    illustrative: false,
    ...more,
  };
}

/** As the server sends it: each reason's words without its label, and `illustrative` for this month's figure. */
const report: ExceptionReport = {
  ...exceptionReportFixture,
  heldOn: '2025-09-08',
  month: '2025-07',
  criteria: ['red', 'persistent_failure', 'out_of_line'],
  items: [
    item('PI3', {
      status: 'red',
      displayValue: '57.4%',
      reasons: [
        { reason: 'red', words: '57.4% is below the failure level of 60%, so it is in failure (less than 60%).' },
      ],
      illustrative: false,
    }),
    item('PI4', {
      status: 'amber',
      displayValue: '89.6%',
      reasons: [
        {
          reason: 'out_of_line',
          words:
            'Sandwell’s July 2025 figure (illustrative), 89.6%, is worse than the statistical neighbours’ average, 91.2% (2024).',
        },
      ],
      illustrative: true,
    }),
  ],
  missingCommentary: 2,
};

async function openReport() {
  signedInAs('analyst');
  server.use(http.get(api('/api/meetings/:id/exceptions'), () => HttpResponse.json(report)));
  renderApp('/meetings/4/exceptions');
  return screen.findByRole('heading', { level: 1, name: 'Exception report for the meeting on 8 September 2025' });
}

const entry = (code: string) => screen.getByRole('article', { name: new RegExp(`^${code}: `) });

describe('exception report page', () => {
  it('marks a figure “(illustrative)” only when that month’s figure is, not because its KPI has some', async () => {
    await openReport();
    expect(within(entry('PI3')).getByText(/in July 2025/).textContent).not.toMatch(/illustrative/);
    expect(within(entry('PI4')).getByText(/in July 2025/)).toHaveTextContent('89.6% in July 2025 (illustrative)');
  });

  it('gives each reason its label once', async () => {
    await openReport();
    const reasons = within(entry('PI3')).getAllByRole('listitem')[0]!;
    expect(reasons).toHaveTextContent(
      /^Red: 57\.4% is below the failure level of 60%, so it is in failure \(less than 60%\)\.$/,
    );
    expect(reasons.textContent).not.toMatch(/Red:.*Red:/);
    expect(within(entry('PI4')).getAllByRole('listitem')[0]).toHaveTextContent(
      /^Out of line with statistical neighbours: Sandwell’s July 2025 figure/,
    );
  });

  // Found walking the commissioner's journey: this one checkbox was the browser's 13 px default,
  // with no focus ring of the app's own, beside every other checkbox's 28 px box.
  it('asks to confirm publishing without commentary with a checkbox like every other one', async () => {
    signedInAs('commissioner');
    server.use(http.get(api('/api/meetings/:id/exceptions'), () => HttpResponse.json({ ...report, published: false })));
    renderApp('/meetings/4/exceptions');
    const confirm = await screen.findByRole('checkbox', {
      name: 'Publish although 2 KPIs have no agreed commentary (this is recorded)',
    });
    expect(confirm).toHaveClass('checkboxes__input');
    expect(screen.getByRole('button', { name: 'Publish' })).toBeDisabled();
  });
});
