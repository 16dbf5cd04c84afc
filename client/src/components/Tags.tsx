/** Marks a KPI whose figures include generated demonstration data. */
export function IllustrativeTag() {
  return <strong className="tag tag--illustrative">Illustrative data</strong>;
}

/** Red for more months than the contract allows: the escalation marker. */
export function PersistentFailureTag() {
  return (
    <strong className="tag tag--persistent">
      <span aria-hidden="true" className="tag__glyph">
        !!
      </span>
      Persistent failure
    </strong>
  );
}

/** A month in a grace period or under a relief event: rated as usual, no contractual consequence. */
export function NoConsequenceTag() {
  return <strong className="tag tag--no-consequence">No consequence</strong>;
}

export function RevisedTag() {
  return <strong className="tag tag--revised">Revised</strong>;
}

/** Bands chosen for a demo where the contract's own are not known: never to be quoted as the contract's. */
export function IllustrativeBandsTag() {
  return <strong className="tag tag--illustrative">Illustrative bands</strong>;
}
