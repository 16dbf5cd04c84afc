import { HttpResponse } from 'msw';
import { scorecardFixture } from '../testing/scorecardFixtures';
import { recordRequests, signedInAs } from '../testing/session';
import { createAppQueryClient } from './createAppQueryClient';
import { primeRoute } from './primeRoute';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('primeRoute: the first page reads its data alongside the session check', () => {
  it("starts the scorecard's read for the month in the address once someone is signed in", async () => {
    signedInAs('viewer');
    const asked = recordRequests('/api/scorecard', () => HttpResponse.json(scorecardFixture));
    const queryClient = createAppQueryClient({ queries: { retry: false } });

    primeRoute(queryClient, { pathname: '/scorecard', search: '?month=2025-03' });
    await settle();

    expect(asked.map((query) => query.get('month'))).toEqual(['2025-03']);
    expect(queryClient.getQueryData(['scorecard', '2025-03'])).toBeDefined();
  });

  it('asks for no data without a session, so nobody is told a session expired before signing in', async () => {
    const asked = recordRequests('/api/scorecard', () => HttpResponse.json(scorecardFixture));
    const queryClient = createAppQueryClient({ queries: { retry: false } });

    primeRoute(queryClient, { pathname: '/scorecard', search: '' });
    await settle();

    expect(asked).toEqual([]);
    expect(queryClient.getQueryData(['auth', 'session-end'])).toBeUndefined();
  });
});
