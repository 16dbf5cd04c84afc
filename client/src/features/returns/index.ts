// What other features may use from returns: which files an upload accepts and their content types.
export { ACCEPTED_FILES, contentTypeFor } from './uploadFile';
