import {
  type AgreeCommentaryRequest,
  COMMENTARY_STATE_LABELS,
  type CommentaryStep,
  type CommentaryVersion,
  commentaryStepAllowed,
  type KpiMonthCommentary,
  monthToDate,
  nextCommentaryState,
  ownSubmissionRefusal,
  type SaveCommentaryRequest,
  type SendBackCommentaryRequest,
  type SubmitCommentaryRequest,
  seesCommentaryInProgress,
} from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { listMeetings } from '../publication/meetingRepository';
import { monthPublication, publicationOf, type Reader, readerFrom, Visibility } from '../publication/publication';
import type { IndicatorRow } from '../scorecard/kpiRepository';
import {
  appendCommentaryVersions,
  type CommentaryVersionRow,
  listCommentaryVersions,
  lockCommentary,
} from './commentaryRepository';

export function versionDto(row: CommentaryVersionRow): CommentaryVersion {
  return {
    id: row.id,
    state: row.state,
    body: row.body,
    reason: row.reason,
    source: row.source,
    uploadFileName: row.uploadFileName,
    by: row.by,
    byRole: row.byRole,
    at: row.at.toISOString(),
  };
}

/**
 * A KPI-month's commentary as this reader may see it: the agreed text for everyone who may see the
 * month; the latest version and every version for those who produce and review it. A month the
 * reader may not see yet is "not found", exactly as its figures are absent.
 */
export async function readCommentary(
  db: Db,
  reader: Reader,
  indicator: IndicatorRow,
  month: string,
): Promise<KpiMonthCommentary> {
  const publication = publicationOf(await listMeetings(db, indicator.organisationId), reader.now);
  if (new Visibility(publication, reader).attached([month], (m) => [m]).length === 0) {
    throw new NotFoundError(`There is no commentary for ${indicator.code} in ${month} that you may see yet.`);
  }
  const versions = await listCommentaryVersions(db, indicator.id, monthToDate(month));
  const monthState = monthPublication(publication, month);
  if (!monthState.published && versions.length > 0) {
    await reader.recordPreReleaseView(`commentary ${indicator.code}`, [month]);
  }
  const inProgress = seesCommentaryInProgress(reader.user.role);
  const agreed = versions.findLast((v) => v.state === 'agreed') ?? null;
  const latest = versions.at(-1) ?? null;
  const can = (step: CommentaryStep, withText = false) =>
    commentaryStepAllowed(reader.user.role, step) &&
    nextCommentaryState(latest?.state ?? null, step, withText) !== null;
  const agreeRefusal = can('agree') ? ownSubmissionRefusal('agree', latest?.byId ?? null, reader.user.id) : null;
  return {
    code: indicator.code,
    month,
    agreed: agreed ? versionDto(agreed) : null,
    latest: inProgress && latest ? versionDto(latest) : null,
    history: inProgress ? versions.map(versionDto) : [],
    historyShown: inProgress,
    may: {
      save: can('save'),
      submit: can('submit', true),
      agree: can('agree') && agreeRefusal === null,
      sendBack: can('send_back'),
    },
    agreeRefusal,
    publication: monthState,
  };
}

interface StepInput {
  step: CommentaryStep;
  basedOn: number | null;
  body?: string | undefined;
  reason?: string | undefined;
}

/**
 * One step of the review, in one transaction: the KPI-month is locked, the step must follow from
 * the latest version (the one the person was looking at: `basedOn`), and a new version is
 * appended; agreed text becomes what everyone sees. Every step and every refusal is audited.
 */
export async function takeCommentaryStep(
  db: Db,
  request: FastifyRequest,
  indicator: IndicatorRow,
  month: string,
  input: StepInput,
): Promise<KpiMonthCommentary> {
  const user = request.user!;
  const reader = readerFrom(db, request);
  const target = `commentary ${indicator.code} ${month}`;
  const audit = (outcome: 'success' | 'refused', details: Record<string, unknown>) =>
    recordAudit(db, {
      ...request.context.auditActor(),
      action: `commentary.${input.step}`,
      target,
      outcome,
      details,
    });
  try {
    if (!commentaryStepAllowed(user.role, input.step)) throw new ForbiddenError();
    const publication = publicationOf(await listMeetings(db, indicator.organisationId), reader.now);
    if (new Visibility(publication, reader).attached([month], (m) => [m]).length === 0) {
      throw new NotFoundError(`There is no commentary for ${indicator.code} in ${month} that you may see yet.`);
    }
    const written = await db.transaction(async (tx) => {
      const monthDate = monthToDate(month);
      await lockCommentary(tx, indicator.id, monthDate);
      const versions = await listCommentaryVersions(tx, indicator.id, monthDate);
      const latest = versions.at(-1) ?? null;
      if ((latest?.id ?? null) !== input.basedOn) {
        throw new ConflictError(
          latest
            ? `The commentary changed while you were looking at it: it is now "${COMMENTARY_STATE_LABELS[latest.state]}" (${latest.by ?? 'unknown'}). Reload it and try again.`
            : 'There is no commentary to act on yet. Reload and try again.',
          'commentary_changed',
        );
      }
      const ownSubmission = ownSubmissionRefusal(input.step, latest?.byId ?? null, user.id);
      if (ownSubmission) throw new ForbiddenError(ownSubmission);
      const withText = input.body !== undefined && input.body !== latest?.body;
      const next = nextCommentaryState(latest?.state ?? null, input.step, withText);
      if (!next) {
        throw new ConflictError(
          `Commentary that is "${latest ? COMMENTARY_STATE_LABELS[latest.state] : 'not written'}" cannot be ${stepWords(input.step)}.`,
          'commentary_state',
        );
      }
      const [id] = await appendCommentaryVersions(tx, [
        {
          indicatorId: indicator.id,
          month: monthDate,
          state: next,
          body: input.body ?? latest!.body,
          reason: input.reason?.trim() || null,
          basedOn: latest?.id ?? null,
          changedBy: user.id,
          // agreed text is the submitter's words; the agreement is recorded as its own version
          authorId: next === 'agreed' ? (latest?.byId ?? null) : user.id,
          at: new Date(),
        },
      ]);
      return { id: id!, from: latest?.state ?? null, to: next };
    });
    await audit('success', { version: written.id, from: written.from, to: written.to, month });
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof ConflictError) {
      await audit('refused', { month, reason: error.message });
    }
    throw error;
  }
  return readCommentary(db, reader, indicator, month);
}

function stepWords(step: CommentaryStep): string {
  return { save: 'saved', submit: 'submitted', agree: 'agreed', send_back: 'sent back' }[step];
}

export const commentarySteps = {
  save: (body: SaveCommentaryRequest): StepInput => ({
    step: 'save',
    basedOn: body.basedOn,
    body: body.body,
    reason: body.note,
  }),
  submit: (body: SubmitCommentaryRequest): StepInput => ({ step: 'submit', basedOn: body.basedOn, body: body.body }),
  agree: (body: AgreeCommentaryRequest): StepInput => ({ step: 'agree', basedOn: body.basedOn, reason: body.note }),
  sendBack: (body: SendBackCommentaryRequest): StepInput => ({
    step: 'send_back',
    basedOn: body.basedOn,
    reason: body.reason,
  }),
};
