export const USERS_PATH = '/users';
export const NEW_USER_PATH = '/users/new';
export const ADD_EXISTING_PERSON_PATH = '/users/existing';
export const userPath = (id: number) => `/users/${id}`;
