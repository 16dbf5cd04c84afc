import { screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/renderApp';
import { scorecardFixture } from '../../testing/scorecardFixtures';
import { signedInAs } from '../../testing/session';

describe('board pack form: illustrative figures', () => {
  it('marks each listed figure that is illustrative, by that figure’s own provenance', async () => {
    signedInAs('analyst');
    renderApp('/board-pack?month=2021-03');
    const kpis = await screen.findByRole('group', { name: /^KPIs in / });
    for (const item of scorecardFixture.items) {
      const box = within(kpis).getByRole('checkbox', { name: new RegExp(`^${item.code} `) });
      const label = kpis.querySelector(`label[for="${box.id}"]`) as HTMLElement;
      expect(label).toHaveTextContent(item.current.displayValue);
      if (item.current.provenance === 'illustrative') {
        expect(within(label).getByText('Illustrative data'), item.code).toHaveClass('tag--illustrative');
      } else {
        expect(within(label).queryByText('Illustrative data'), item.code).not.toBeInTheDocument();
      }
    }
    // PI1's March 2021 figure is illustrative; PI4's is from a published paper (though earlier months are not).
    expect(within(kpis).getByRole('checkbox', { name: /^PI1 / })).toHaveAccessibleName(
      /82\.1%, green Illustrative data$/,
    );
    expect(within(kpis).getByRole('checkbox', { name: /^PI4 / })).toHaveAccessibleName(/72\.4%, red$/);
  });
});
