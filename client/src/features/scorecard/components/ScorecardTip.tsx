import { type ReactNode, useEffect, useState } from 'react';

type ScorecardTipProps = {
  /** What is always shown: the cell's word and figure. */
  children: ReactNode;
  /** The detail shown on hover (read by screen readers as part of the cell, and shown in every cell by "Show the details in words"). */
  tip: ReactNode;
  className?: string;
};

/**
 * A cell's detail shown on hover, as WCAG 1.4.13 (content on hover or focus) asks: dismissible
 * (Escape hides it without moving the pointer), hoverable (the tip is inside the trigger, so the
 * pointer can move onto it without it going) and persistent (it stays until the pointer leaves or
 * Escape is pressed). The showing itself is CSS (:hover), so the server's first view behaves the
 * same; this only adds the dismissing.
 *
 * It takes no keyboard focus: four tips a row made some 60 tab stops between the filters and the
 * page below. A keyboard (or touch) user shows every cell's detail at once with the table's
 * "Show the details in words" checkbox, and a screen reader reads it as part of its cell.
 */
export function ScorecardTip({ children, tip, className }: ScorecardTipProps) {
  const [hovered, setHovered] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const active = hovered;

  // Once the pointer has left, the next hover shows the tip again.
  useEffect(() => {
    if (!active) setDismissed(false);
  }, [active]);

  // Escape anywhere while the tip shows (the tip has no focus to take the key press).
  useEffect(() => {
    if (!active || dismissed) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' || event.key === 'Esc') setDismissed(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, dismissed]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the handlers only track hover, to dismiss the tip.
    <span
      className={`judgement-tip${className ? ` ${className}` : ''}`}
      data-dismissed={dismissed ? '' : undefined}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
    >
      {children}
      <span className="judgement-tip__text">{tip}</span>
    </span>
  );
}
