// What other features may use from auth (the signed-in person, the roles' guides, the session's
// query key); everything else here is auth's own business.
// The session check, started by the app before the first draw (app/primeRoute.ts).
export { authKeys, getMeQueryOptions } from './api/getMe';
export { useCurrentUser } from './currentUser';
export { ROLE_GUIDES } from './roles';
