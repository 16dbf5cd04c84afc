import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { SessionTimeoutWarning } from '../useSessionTimeout';
import '../auth.css';

function timeLeftInWords(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  if (rest > 0 || minutes === 0) parts.push(`${rest} ${rest === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}

type Props = {
  warning: SessionTimeoutWarning;
  onStay: () => void;
  onSignOut: () => void;
  busy: boolean;
};

/**
 * WCAG 2.2.1 Timing Adjustable: the warning comes before the session ends, takes focus so it is
 * announced (role="alertdialog" with its text as the description), and one key press extends it.
 * Escape also means "stay", as closing a warning should not sign anyone out.
 */
export function SessionTimeoutDialog({ warning, onStay, onSignOut, busy }: Props) {
  const titleId = useId();
  const textId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const firstButton = useRef<HTMLButtonElement>(null);
  const [now, setNow] = useState(() => Date.now());
  const extendable = warning.limit === 'idle';

  // Modal: the page behind is taken out of reach of the keyboard and of screen readers while the
  // warning is open, and focus goes back where it was afterwards.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const overlay = dialog.current?.parentElement;
    const background = [...document.body.children].filter(
      (element): element is HTMLElement => element instanceof HTMLElement && element !== overlay && !element.inert,
    );
    for (const element of background) {
      element.inert = true;
      element.setAttribute('aria-hidden', 'true');
    }
    firstButton.current?.focus();
    return () => {
      for (const element of background) {
        element.inert = false;
        element.removeAttribute('aria-hidden');
      }
      previous?.focus?.();
    };
  }, []);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(tick);
  }, []);

  // Keeps keyboard focus inside the dialog while it is open.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && extendable) {
      event.preventDefault();
      onStay();
      return;
    }
    if (event.key !== 'Tab') return;
    const buttons = [...(dialog.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const first = buttons[0];
    const last = buttons.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  // The countdown is shown, not announced every second: the description is read once, on opening.
  const left = timeLeftInWords(warning.endsAt - now);
  return createPortal(
    <div className="modal-overlay">
      <div
        ref={dialog}
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="heading-m">
          You will be signed out soon
        </h2>
        <div id={textId}>
          <p>
            {extendable
              ? `To protect the data, you are signed out after ${warning.idleMinutes} minutes without activity.`
              : `To protect the data, everyone must sign in again at least every ${warning.absoluteHours} hours.`}{' '}
            You will be signed out in <strong>{left}</strong>.
          </p>
          {!extendable && <p>Save anything you are working on, then sign in again.</p>}
        </div>
        <div className="button-group">
          {extendable ? (
            <button ref={firstButton} type="button" className="button" onClick={onStay} aria-busy={busy}>
              Stay signed in
            </button>
          ) : null}
          <button
            ref={extendable ? undefined : firstButton}
            type="button"
            className="button button--secondary"
            onClick={onSignOut}
          >
            Sign out
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
