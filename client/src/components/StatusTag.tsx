import type { RagStatus } from '@kpi/shared';
import { STATUS_WORDS } from './kpiLabels';

/**
 * A distinct shape per rating, so the rating never depends on colour: green a circle with a tick,
 * amber a triangle with "!", red an octagon with a cross, no data a dashed circle with a dash.
 * Decorative: the word beside it carries the meaning.
 */
export function StatusIcon({ status, className = 'status-icon' }: { status: RagStatus; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {status === 'green' && (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M4.5 8.3l2.3 2.3 4.7-5" fill="none" className="status-icon__glyph" stroke="#fff" strokeWidth="2" />
        </>
      )}
      {status === 'amber' && (
        <>
          <path d="M8 1l7.2 13.5H0.8z" fill="currentColor" />
          <path d="M8 5.5v4.5M8 11.5v1.6" className="status-icon__glyph" stroke="#fff" strokeWidth="1.8" />
        </>
      )}
      {status === 'red' && (
        <>
          <path d="M5.1 1h5.8L15 5.1v5.8L10.9 15H5.1L1 10.9V5.1z" fill="currentColor" />
          <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" className="status-icon__glyph" stroke="#fff" strokeWidth="2" />
        </>
      )}
      {status === 'no_data' && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2.5 1.6" />
          <path d="M5 8h6" stroke="currentColor" strokeWidth="2" />
        </>
      )}
    </svg>
  );
}

/** The rating as icon, word and colour together. */
export function StatusTag({ status, label }: { status: RagStatus; label?: string }) {
  return (
    <strong className={`status-tag status-tag--${status}`}>
      <StatusIcon status={status} />
      {label ?? STATUS_WORDS[status]}
    </strong>
  );
}
