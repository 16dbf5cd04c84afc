import { render, screen } from '@testing-library/react';
import { PreReleaseBanner } from './PreReleaseBanner';

describe('PreReleaseBanner', () => {
  it('marks the page and says when each unpublished month will be published, once each', () => {
    render(
      <PreReleaseBanner
        notes={['Unpublished until the meeting on 22 April 2024.', 'Unpublished until the meeting on 22 April 2024.']}
      />,
    );
    expect(screen.getByRole('heading', { name: 'OFFICIAL-SENSITIVE: unpublished figures' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByText(/your viewing is recorded/)).toBeInTheDocument();
  });
});
