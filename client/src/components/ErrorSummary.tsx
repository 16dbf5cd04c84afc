import { type MouseEvent, type ReactNode, useEffect, useId, useRef } from 'react';

export type ErrorSummaryItem = {
  text: string;
  /** Id of the field the error belongs to; the item then links to it. */
  fieldId?: string;
};

type ErrorSummaryProps = {
  items: ErrorSummaryItem[];
  title?: string;
  /** Changes whenever the errors are (re)shown, e.g. a submit counter; focus moves to the summary each time. */
  focusKey: number;
  children?: ReactNode;
};

function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  // Bring the label into view with the field, as the GOV.UK error summary does.
  const label = document.querySelector(`label[for="${fieldId}"]`);
  label?.scrollIntoView?.();
  field.focus({ preventScroll: Boolean(label) });
}

/** GOV.UK error summary: shown at the top of the page, announced and focused, linking to each field. */
export function ErrorSummary({ items, title = 'There is a problem', focusKey, children }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Unique per summary: a page may show two (a file's problems and the form that replaces it).
  const titleId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again on every new submit, not only on new items.
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);

  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title" id={titleId}>
        {title}
      </h2>
      {items.length > 0 && (
        <ul className="error-summary__list">
          {items.map((item) =>
            item.fieldId ? (
              <li key={`${item.fieldId}:${item.text}`}>
                <a href={`#${item.fieldId}`} onClick={(event) => focusField(event, item.fieldId as string)}>
                  {item.text}
                </a>
              </li>
            ) : (
              <li key={item.text}>{item.text}</li>
            ),
          )}
        </ul>
      )}
      {children}
    </div>
  );
}
