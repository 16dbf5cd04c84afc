/**
 * The note a KPI set carries when part of its configuration is illustrative (which KPIs carried
 * over, which bands were assumed). The detail view shows it whole. The compact view is read at a
 * glance on one screen, so there it is one line that says what the set is and opens to the note:
 * at five lines it pushed the month's last KPIs, its red one among them, below a 900 px screen.
 */
export function IllustrativeSetNote({ setName, note, compact }: { setName: string; note: string; compact: boolean }) {
  const text = note.replace(/^Illustrative configuration\.\s*/, '');
  if (!compact) {
    return (
      <div className="set-note" role="note">
        <p>
          <strong>Illustrative configuration. </strong>
          {text}
        </p>
      </div>
    );
  }
  return (
    <div className="set-note set-note--compact" role="note">
      <details className="details set-note__details">
        <summary className="details__summary">
          <strong>Illustrative configuration.</strong> Some KPIs or bands of {setName} are not the contract’s own: what
          is assumed
        </summary>
        <p className="details__text">{text}</p>
      </details>
    </div>
  );
}
