/** The client's sign-in page; the server sends single sign-on failures back to it. */
export const SIGN_IN_PATH = '/sign-in';
const HOME = '/';

/**
 * Where to go after signing in, used by client and server alike: only a path on this site is
 * followed, so a crafted link cannot send a user elsewhere (an open redirect). Anything else,
 * the sign-in page itself and API addresses give home.
 */
export function safeReturnTo(candidate: string | null | undefined): string {
  if (!candidate?.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return HOME;
  const base = 'https://return-to.invalid';
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    return HOME;
  }
  if (url.origin !== base || url.pathname === SIGN_IN_PATH || url.pathname.startsWith('/api/')) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
