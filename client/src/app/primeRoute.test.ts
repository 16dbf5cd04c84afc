import { HttpResponse } from 'msw';
import { meFixture } from '../testing/fixtures';
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

  it('puts the answers the server embedded in the page in the cache before the first render, asking for none', async () => {
    const askedMe = recordRequests('/api/auth/me', () => HttpResponse.json(meFixture('viewer')));
    const askedScorecard = recordRequests('/api/scorecard', () => HttpResponse.json(scorecardFixture));
    const element = document.createElement('script');
    element.type = 'application/json';
    element.id = 'first-reads';
    element.textContent = JSON.stringify({
      '/api/auth/me': meFixture('viewer'),
      '/api/scorecard?month=2025-03': scorecardFixture,
    });
    document.body.append(element);
    const queryClient = createAppQueryClient({ queries: { retry: false } });

    primeRoute(queryClient, { pathname: '/scorecard', search: '?month=2025-03' });
    // at once, not after a request: React's first render finds them
    expect(queryClient.getQueryData(['auth', 'me'])).toMatchObject({ user: { role: 'viewer' } });
    expect(queryClient.getQueryData(['scorecard', '2025-03'])).toBeDefined();
    await settle();

    expect(askedMe).toEqual([]);
    expect(askedScorecard).toEqual([]);
    // the answers belong to this page load only
    expect(document.getElementById('first-reads')).toBeNull();
  });

  it('asks for what the page did not carry', async () => {
    const asked = recordRequests('/api/scorecard', () => HttpResponse.json(scorecardFixture));
    const queryClient = createAppQueryClient({ queries: { retry: false } });
    const embedded: Record<string, unknown> = { '/api/auth/me': meFixture('viewer') };

    primeRoute(queryClient, { pathname: '/scorecard', search: '?month=2025-03' }, (url) => embedded[url]);
    await settle();

    expect(asked.map((query) => query.get('month'))).toEqual(['2025-03']);
  });

  it('takes an embedded "nobody is signed in" as the answer, asking for nothing (issue 21)', async () => {
    const askedMe = recordRequests('/api/auth/me', () => HttpResponse.json({}, { status: 401 }));
    const queryClient = createAppQueryClient({ queries: { retry: false } });
    const embedded: Record<string, unknown> = { '/api/auth/me': null };

    for (const pathname of ['/sign-in', '/scorecard']) {
      primeRoute(queryClient, { pathname, search: '' }, (url) => embedded[url]);
    }
    await settle();

    expect(queryClient.getQueryData(['auth', 'me'])).toBeNull();
    expect(askedMe).toEqual([]);
  });
});
