/**
 * The organisation in view, by area code (E08000028), or null for the person's default. It lives in
 * the URL as `?organisation=`, so a shared link opens the same view; an address without it shows
 * the default organisation, as links made before several councils shared one deployment do. Once
 * chosen it is kept here, and put back on every in-app address (OrganisationInUrl), so links
 * written without it stay in the organisation.
 */
export const ORGANISATION_PARAM = 'organisation';

let chosen: string | null = fromSearch(typeof window === 'undefined' ? '' : window.location.search);

function fromSearch(search: string): string | null {
  const value = new URLSearchParams(search).get(ORGANISATION_PARAM)?.trim();
  return value ? value : null;
}

export function organisationInView(): string | null {
  return chosen;
}

/** Takes the organisation from an address that names one; one that names none keeps the current choice. */
export function followAddress(search: string): void {
  const named = fromSearch(search);
  if (named) chosen = named;
}

export function chooseOrganisation(areaCode: string | null): void {
  chosen = areaCode;
}

/** The search string with the organisation in view on it (unchanged when none is chosen). */
export function searchWithOrganisation(search: string, areaCode = chosen): string {
  const params = new URLSearchParams(search);
  if (areaCode) params.set(ORGANISATION_PARAM, areaCode);
  else params.delete(ORGANISATION_PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** An API path for a plain link (an export, a download) with the organisation in view on it. */
export function withOrganisation(path: string): string {
  if (!chosen) return path;
  const [pathname, search = ''] = path.split('?', 2) as [string, string?];
  return `${pathname}${searchWithOrganisation(search)}`;
}
