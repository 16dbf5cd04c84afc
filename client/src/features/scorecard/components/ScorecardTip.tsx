import { type ReactNode, useEffect, useState } from 'react';

type ScorecardTipProps = {
  /** What is always shown: the cell's word and figure. */
  children: ReactNode;
  /** The detail shown on hover and keyboard focus (and read by screen readers as part of the cell). */
  tip: ReactNode;
  className?: string;
};

/**
 * A cell's detail shown on hover and on keyboard focus, as WCAG 1.4.13 (content on hover or focus)
 * asks: dismissible (Escape hides it without moving focus or the pointer), hoverable (the tip is
 * inside the trigger, so the pointer can move onto it without it going) and persistent (it stays
 * until the pointer and focus leave or Escape is pressed). The showing itself is CSS (:hover,
 * :focus), so the server's first view behaves the same; this only adds the dismissing.
 */
export function ScorecardTip({ children, tip, className }: ScorecardTipProps) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const active = hovered || focused;

  // Once pointer and focus have both left, the next hover or focus shows the tip again.
  useEffect(() => {
    if (!active) setDismissed(false);
  }, [active]);

  // Escape anywhere while the tip shows (a hovered tip has no focus to take the key press).
  useEffect(() => {
    if (!active || dismissed) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' || event.key === 'Esc') setDismissed(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, dismissed]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the handlers only track hover and focus, to dismiss the tip.
    <span
      className={`judgement-tip${className ? ` ${className}` : ''}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: focus shows the detail, as hover does.
      tabIndex={0}
      data-dismissed={dismissed ? '' : undefined}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      {children}
      <span className="judgement-tip__text">{tip}</span>
    </span>
  );
}
