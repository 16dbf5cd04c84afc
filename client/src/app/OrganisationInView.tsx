import type { MeResponse } from '@kpi/shared';
import { useEffect, useId } from 'react';
import { useLocation, useNavigate } from 'react-router';
import {
  chooseOrganisation,
  followAddress,
  ORGANISATION_PARAM,
  organisationInView,
  searchWithOrganisation,
} from '../lib/organisationInView';

/**
 * Keeps the organisation in view in the address: put back on in-app links written without it, taken
 * from an address that names one (a shared link, the back button), and corrected to the person's
 * own organisation when the address names one they do not belong to (the server answered for their
 * default then). Says so when it corrects.
 */
export function useOrganisationInUrl(me: MeResponse): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const answeredFor = me.user.organisationInView;

  useEffect(() => {
    followAddress(location.search);
    const chosen = organisationInView();
    let notice: string | null = null;
    if (chosen && answeredFor && chosen.toUpperCase() !== answeredFor.toUpperCase()) {
      notice = `You are not a member of organisation ${chosen}: showing ${me.organisation?.name ?? answeredFor}.`;
      chooseOrganisation(answeredFor);
    }
    const wanted = organisationInView();
    if (wanted && new URLSearchParams(location.search).get(ORGANISATION_PARAM) !== wanted) {
      // The notice travels with the corrected address: the page (and this layout) may unmount
      // while the person's own organisation loads, and a notice kept in state would be lost.
      navigate(
        { pathname: location.pathname, search: searchWithOrganisation(location.search, wanted), hash: location.hash },
        { replace: true, state: notice ? { organisationNotice: notice } : location.state },
      );
    }
  }, [location, navigate, answeredFor, me.organisation?.name]);

  const state = location.state as { organisationNotice?: unknown } | null;
  return typeof state?.organisationNotice === 'string' ? state.organisationNotice : null;
}

/**
 * Which organisation is in view, in the header; a person in several chooses another with a
 * labelled select. Switching keeps the page and reloads its data for the organisation chosen
 * (every query's key includes the organisation: lib/queryClient.ts).
 */
export function OrganisationSwitcher({ me }: { me: MeResponse }) {
  const location = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const organisations = me.user.organisations;
  const inView = me.user.organisationInView;
  if (organisations.length < 2 || !inView) {
    return me.organisation ? <p className="header__organisation">{me.organisation.name}</p> : null;
  }
  const switchTo = (areaCode: string) => {
    chooseOrganisation(areaCode);
    navigate({
      pathname: location.pathname,
      search: searchWithOrganisation(location.search, areaCode),
      hash: location.hash,
    });
  };
  return (
    <p className="header__organisation">
      <label htmlFor={id}>Organisation in view </label>
      <select id={id} value={inView} onChange={(event) => switchTo(event.target.value)}>
        {organisations.map((organisation) => (
          <option key={organisation.areaCode} value={organisation.areaCode}>
            {organisation.regional ? `${organisation.name} (regional, read only)` : organisation.name}
          </option>
        ))}
      </select>
    </p>
  );
}
