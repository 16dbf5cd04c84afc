import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { meFixture, problemFixture } from '../testing/fixtures';
import { api, problemResponse } from '../testing/http';
import { renderApp } from '../testing/renderApp';
import { server } from '../testing/server';
import { navigationFor } from './pages';

describe('page shell', () => {
  it('has a skip link, landmarks and navigation to pages that exist', async () => {
    server.use(http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture('viewer'))));
    renderApp('/');
    await screen.findByRole('heading', { level: 1 });

    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main-content');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content');
    expect(screen.getByRole('banner')).toHaveTextContent("Children's services KPI dashboard");
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Home', 'Scorecard', 'Indicators', 'Meetings', 'Region']);
    expect(links[0]).toHaveAttribute('aria-current', 'page');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('offers "Change your password" to people with a password, not to single sign-on users', async () => {
    server.use(http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture('viewer'))));
    const local = renderApp('/');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByRole('link', { name: 'Change your password' })).toBeVisible();
    local.unmount();

    const viewer = meFixture('viewer');
    const sso = { ...viewer, user: { ...viewer.user, signInMethod: 'sso' as const } };
    server.use(http.get(api('/api/auth/me'), () => HttpResponse.json(sso)));
    renderApp('/');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByRole('banner')).toHaveTextContent('Signed in as');
    expect(screen.queryByRole('link', { name: 'Change your password' })).toBeNull();
  });

  it('shows a 404 page for an unknown address', async () => {
    server.use(http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture('viewer'))));
    renderApp('/no-such-page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    expect(document.title).toBe("Page not found – Children's services KPI dashboard");
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });

  it('explains when the session cannot be checked, with the request id', async () => {
    server.use(
      http.get(api('/api/auth/me'), () =>
        problemResponse(problemFixture(500, 'Internal Server Error', { requestId: 'req-me-500' })),
      ),
    );
    renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 1 })).toHaveTextContent(
      'Sorry, there is a problem with the service',
    );
    expect(alert).toHaveTextContent('req-me-500');
  });

  it('builds the navigation from the page list for every role', () => {
    const everyone = [
      { path: '/', label: 'Home' },
      { path: '/scorecard', label: 'Scorecard' },
      { path: '/indicators', label: 'Indicators' },
      { path: '/meetings', label: 'Meetings' },
      { path: '/region', label: 'Region' },
    ];
    const returns = { path: '/returns', label: 'Monthly returns' };
    const benchmarks = { path: '/benchmarks', label: 'Benchmark data' };
    const boardPack = { path: '/board-pack', label: 'Board pack' };
    const contract = { path: '/contract', label: 'Contract' };
    const users = { path: '/users', label: 'Users' };
    const audit = { path: '/audit', label: 'Record of changes' };
    expect(navigationFor('viewer')).toEqual(everyone);
    expect(navigationFor('analyst')).toEqual([...everyone, returns, benchmarks, boardPack]);
    expect(navigationFor('commissioner')).toEqual([...everyone, returns, benchmarks, boardPack, contract, audit]);
    expect(navigationFor('admin')).toEqual([
      ...everyone,
      returns,
      benchmarks,
      boardPack,
      contract,
      { path: '/setup', label: 'Set-up' },
      users,
      // Issue 16: the groups page was reachable only by typing its address.
      { path: '/groups', label: 'Groups' },
      audit,
    ]);
  });
});
