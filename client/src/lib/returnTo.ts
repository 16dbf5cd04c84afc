import { SIGN_IN_PATH, safeReturnTo } from '@kpi/shared';

export { SIGN_IN_PATH, safeReturnTo };

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
