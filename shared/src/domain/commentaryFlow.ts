import type { ActionStatus, CommentaryState, CommentaryStep, ExceptionReason } from '../contracts/commentary';
import type { Role } from '../contracts/enums';
import type { ComparisonVerdict } from './comparison';

/**
 * The commentary review: the Trust (analysts) writes and submits; a commissioner agrees or sends
 * it back with a reason; the Trust revises and submits again. Commissioners may write too.
 * Administrators may do everything, as elsewhere.
 */
const STEP_ROLES: Record<CommentaryStep, readonly Role[]> = {
  save: ['analyst', 'commissioner', 'admin'],
  submit: ['analyst', 'commissioner', 'admin'],
  agree: ['commissioner', 'admin'],
  send_back: ['commissioner', 'admin'],
};

export function commentaryStepAllowed(role: Role, step: CommentaryStep): boolean {
  return STEP_ROLES[step].includes(role);
}

/** Roles that may see work in progress and the history; everyone else sees only agreed text. */
export function seesCommentaryInProgress(role: Role): boolean {
  return role !== 'viewer';
}

/**
 * The state a step leads to from the latest version's state, or null when the step does not
 * apply. Saving always makes a draft (withdrawing a submission, or starting a revision of agreed
 * text, which stays shown until the new text is agreed). Submitting needs a draft or returned
 * text, or new text given with the step. Only submitted text can be agreed or sent back.
 */
export function nextCommentaryState(
  latest: CommentaryState | null,
  step: CommentaryStep,
  withNewText = false,
): CommentaryState | null {
  switch (step) {
    case 'save':
      return 'draft';
    case 'submit':
      if (withNewText) return 'submitted';
      return latest === 'draft' || latest === 'returned' ? 'submitted' : null;
    case 'agree':
      return latest === 'submitted' ? 'agreed' : null;
    case 'send_back':
      return latest === 'submitted' ? 'returned' : null;
  }
}

/**
 * Four eyes: whoever submitted a text may not also agree it, whatever their role, so every agreed
 * text has been read by a second person. A commissioner's own commentary is agreed by another
 * commissioner or an administrator. (A return loaded by a commissioner is agreed on loading: the
 * words are the Trust's, and the commissioner who loads them is the second pair of eyes.)
 */
export function ownSubmissionRefusal(step: CommentaryStep, submittedBy: number | null, actorId: number): string | null {
  if (step !== 'agree' || submittedBy === null || submittedBy !== actorId) return null;
  return 'You submitted this commentary, so someone else must agree it: another commissioner or an administrator.';
}

/**
 * Commentary in a monthly return joins the same history. A commissioner (or administrator) who
 * loads the Trust's return accepts its commentary, as loading did before the review existed; a
 * return loaded by Trust staff is their submission and waits for a commissioner.
 */
export function returnCommentaryState(role: Role): CommentaryState {
  return role === 'commissioner' || role === 'admin' ? 'agreed' : 'submitted';
}

export const COMMENTARY_STATE_LABELS: Record<CommentaryState, string> = {
  draft: 'Draft',
  submitted: 'Submitted for agreement',
  returned: 'Sent back',
  agreed: 'Agreed',
};

export type CommentaryBlock =
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'list'; ordered: boolean; items: string[] };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

/**
 * Plain text to paragraphs and lists, for every place commentary is shown (screen, PDF, Word).
 * Blank lines separate paragraphs; lines starting "- ", "* ", "• " or "1. " are list items.
 * Nothing is interpreted as markup: each block holds the text exactly as typed.
 */
export function commentaryBlocks(text: string): CommentaryBlock[] {
  const blocks: CommentaryBlock[] = [];
  let current: CommentaryBlock | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.trim() === '') {
      current = null;
      continue;
    }
    const bullet = BULLET.exec(raw);
    const numbered = bullet ? null : NUMBERED.exec(raw);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = numbered !== null;
      if (!(current?.kind === 'list' && current.ordered === ordered)) {
        current = { kind: 'list', ordered, items: [] };
        blocks.push(current);
      }
      current.items.push(item[1]!);
    } else if (current?.kind === 'paragraph') {
      current.lines.push(raw);
    } else {
      current = { kind: 'paragraph', lines: [raw] };
      blocks.push(current);
    }
  }
  return blocks;
}

/** Past its due date and not done: flagged late whatever status was last recorded. */
export function actionIsLate(action: { dueOn: string; status: ActionStatus }, today: string): boolean {
  return action.status !== 'done' && action.dueOn < today;
}

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  on_track: 'On track',
  late: 'Late',
  done: 'Done',
};

export const EXCEPTION_REASON_LABELS: Record<ExceptionReason, string> = {
  red: 'Red',
  persistent_failure: 'Persistent failure',
  worsening_signal: 'Worsening by a signal',
  out_of_line: 'Out of line with statistical neighbours',
};

export interface ExceptionInput {
  status: string;
  persistentFailure: boolean;
  /**
   * The scorecard's verdict against the statistical neighbours' figure (its comparator comparison),
   * null when there is none: 'worse' is out of line.
   */
  againstNeighbours: ComparisonVerdict | null;
  /** A worsening SPC signal; undefined where SPC is not available, and the criterion is not applied. */
  worseningSignal?: boolean | undefined;
}

/** Why a KPI belongs in the exception report; empty when it does not. */
export function exceptionReasons(input: ExceptionInput): ExceptionReason[] {
  const reasons: ExceptionReason[] = [];
  if (input.status === 'red') reasons.push('red');
  if (input.persistentFailure) reasons.push('persistent_failure');
  if (input.worseningSignal === true) reasons.push('worsening_signal');
  if (input.againstNeighbours === 'worse') reasons.push('out_of_line');
  return reasons;
}
