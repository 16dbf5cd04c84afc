import { formatUkDateTime, type UserSummary } from '@kpi/shared';

export function signInWords(user: UserSummary): string {
  return user.signInMethod === 'sso' ? 'Single sign-on' : 'Password';
}

export function lastSignInWords(user: UserSummary): string {
  return user.lastSignInAt ? formatUkDateTime(user.lastSignInAt) : 'Never';
}
