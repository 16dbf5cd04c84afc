import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RECOMMENDED_LENGTH } from '@kpi/shared';

/** The password policy in words, shown under every new-password field. */
export const NEW_PASSWORD_HINT =
  `At least ${PASSWORD_MIN_LENGTH} characters, and ${PASSWORD_RECOMMENDED_LENGTH} or more is better: ` +
  `three or four unrelated words make a strong password that is easy to remember. Up to ${PASSWORD_MAX_LENGTH} ` +
  'characters; spaces and any characters are allowed. Common passwords and passwords containing the username are refused.';
