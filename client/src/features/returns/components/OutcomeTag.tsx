import type { UploadOutcome } from '@kpi/shared';
import { OUTCOME_WORDS } from '../words';
import '../returns.css';

/** What happened to an upload: the words carry it, the colour only reinforces it. */
export function OutcomeTag({ outcome }: { outcome: UploadOutcome }) {
  return <strong className={`tag tag--outcome tag--${outcome.replace('_', '-')}`}>{OUTCOME_WORDS[outcome]}</strong>;
}
