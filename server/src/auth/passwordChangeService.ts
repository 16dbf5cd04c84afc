import type { ChangeOwnPasswordRequest } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { refuseWeakPassword, userTarget } from '../accounts/userAdminService';
import { findUserById, updateUser } from '../accounts/usersRepository';
import { recordAudit } from '../audit/auditRepository';
import type { AppConfig } from '../config';
import { type Db, queryRows } from '../db/database';
import { AppError, BadRequestError, ConflictError, TooManyRequestsError, UnauthorisedError } from '../errors';
import { startSession } from './authService';
import { hashPassword, verifyPassword } from './passwords';
import { deleteSessionsOfUser } from './sessionsRepository';

const ACTION = 'auth.password_change';

/**
 * A signed-in person changes their own password. The current password is required (a session left
 * open on a shared computer must not be enough), every other session of theirs ends, and the
 * current one is replaced by a new token. Returns that token for the cookie.
 */
export async function changeOwnPassword(
  db: Db,
  config: AppConfig,
  request: FastifyRequest,
  body: ChangeOwnPasswordRequest,
): Promise<string> {
  if (!request.user) throw new UnauthorisedError();
  const audit = { ...request.context.auditActor(), action: ACTION, target: userTarget(request.user.username) };
  let failureAudited = false;
  try {
    const user = await findUserById(db, request.user.id);
    if (!user) throw new UnauthorisedError();
    if (!user.passwordHash || user.ssoIssuer) {
      throw new ConflictError('You sign in through single sign-on: change your password with your organisation.');
    }
    await refuseIfGuessing(db, config, user.id);
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      // A failure, not a refusal: these count towards the limit above.
      await recordAudit(db, { ...audit, outcome: 'failure', details: { reason: 'wrong_current_password' } });
      failureAudited = true;
      throw new BadRequestError('Your current password is not correct.', [
        { path: 'body.currentPassword', message: 'Your current password is not correct.' },
      ]);
    }
    refuseWeakPassword(body.newPassword, user.username, 'body.newPassword');
    const passwordHash = await hashPassword(body.newPassword);
    return await db.transaction(async (tx) => {
      await updateUser(tx, user.id, { passwordHash });
      const sessionsEnded = await deleteSessionsOfUser(tx, user.id);
      const token = await startSession(tx, config, request, user.id);
      await recordAudit(tx, { ...audit, details: { otherSessionsEnded: Math.max(0, sessionsEnded - 1) } });
      return token;
    });
  } catch (error) {
    if (error instanceof AppError && !failureAudited) {
      await recordAudit(db, { ...audit, outcome: 'refused', details: { status: error.status, reason: error.message } });
    }
    throw error;
  }
}

/** The sign-in limit applies here too, so a borrowed session cannot be used to guess the password. */
async function refuseIfGuessing(db: Db, config: AppConfig, userId: number): Promise<void> {
  const windowMinutes = config.signInThrottle.windowMinutes;
  const since = new Date(Date.now() - windowMinutes * 60_000);
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_log
        where action = ${ACTION} and outcome = 'failure' and user_id = ${userId}
          and at > ${since.toISOString()}::timestamptz`,
  );
  if ((row?.n ?? 0) < config.signInThrottle.maxFailuresPerAccount) return;
  throw new TooManyRequestsError(
    `Too many wrong current passwords. Wait ${windowMinutes} minutes and try again.`,
    windowMinutes * 60,
  );
}
