import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { api } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';

function offerSingleSignOn() {
  server.use(
    http.get(api('/api/auth/providers'), () =>
      HttpResponse.json({
        singleSignOn: { label: 'Sign in with Sandwell Council account', loginPath: '/api/auth/oidc/login' },
      }),
    ),
  );
}

describe('single sign-on on the sign-in page', () => {
  it('offers the council account first, as a link that comes back to the page asked for', async () => {
    offerSingleSignOn();
    renderApp('/sign-in?returnTo=%2Fscorecard%3Fmonth%3D2025-03');

    const link = await screen.findByRole('link', { name: 'Sign in with Sandwell Council account' });
    expect(link).toHaveAttribute('href', '/api/auth/oidc/login?returnTo=%2Fscorecard%3Fmonth%3D2025-03');
    // The local form is still there, second.
    const localHeading = screen.getByRole('heading', { level: 2, name: 'Sign in with a username and password' });
    expect(link.compareDocumentPosition(localHeading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByLabelText('Username')).toBeVisible();
  });

  it('does not carry a return address on another site into the link', async () => {
    offerSingleSignOn();
    renderApp('/sign-in?returnTo=%2F%2Fevil.example%2F');

    const link = await screen.findByRole('link', { name: 'Sign in with Sandwell Council account' });
    expect(link).toHaveAttribute('href', '/api/auth/oidc/login');
  });

  it('shows only the username and password form when single sign-on is not configured', async () => {
    renderApp('/sign-in');

    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(screen.getByText('Sign in with the username and password your administrator gave you.')).toBeVisible();
    expect(screen.queryByRole('link', { name: /Sign in with/ })).not.toBeInTheDocument();
  });

  it.each([
    ['sso_no_role', 'is not in any group that gives access'],
    ['sso_disabled', 'Your account has been switched off'],
    ['sso_restart', 'Your sign-in was not completed'],
    ['sso_failed', 'could not be confirmed'],
    ['sso_cancelled', 'You did not finish signing in'],
    ['sso_unavailable', 'is not available at the moment'],
  ])('explains ?error=%s in plain English, in a focused error summary', async (code, words) => {
    offerSingleSignOn();
    renderApp(`/sign-in?error=${code}`);

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    expect(summary).toHaveTextContent(words);
    expect(summary).toHaveFocus();
    expect(document.title).toBe("Error: Sign in – Children's services KPI dashboard");
  });

  it('ignores an error code it does not know rather than echoing it', async () => {
    renderApp('/sign-in?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E');

    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('alert(1)');
  });
});
