// What other features may use from auth (the signed-in person, the roles' guides, the session's
// query key); everything else here is auth's own business.
export { authKeys } from './api/getMe';
export { useCurrentUser } from './currentUser';
export { ROLE_GUIDES } from './roles';
