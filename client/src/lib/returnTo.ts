export const SIGN_IN_PATH = '/sign-in';
const RETURN_TO_PARAM = 'returnTo';
const HOME = '/';

/** The sign-in URL that brings the user back to `path` afterwards. */
export function signInPathFor(path: string): string {
  const target = safeReturnTo(path);
  return target === HOME ? SIGN_IN_PATH : `${SIGN_IN_PATH}?${RETURN_TO_PARAM}=${encodeURIComponent(target)}`;
}

/** Where to go after signing in: the `returnTo` parameter if it is a path on this site, else home. */
export function returnToFrom(search: string): string {
  return safeReturnTo(new URLSearchParams(search).get(RETURN_TO_PARAM));
}

/** Only same-origin paths are followed, so a crafted link cannot send a user elsewhere. */
export function safeReturnTo(candidate: string | null | undefined): string {
  if (!candidate?.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return HOME;
  const base = 'https://return-to.invalid';
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    return HOME;
  }
  if (url.origin !== base || url.pathname === SIGN_IN_PATH) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
