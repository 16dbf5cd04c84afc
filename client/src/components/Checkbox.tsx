import { type ReactNode, useId } from 'react';

type CheckboxProps = {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Stable id when a test, a label elsewhere or the address refers to the box; otherwise one is made. */
  id?: string;
  value?: string;
  hint?: ReactNode;
  disabled?: boolean;
  /** Extra classes for the item, e.g. to place it in a filter bar or give it a form group's spacing. */
  className?: string;
};

/** One GOV.UK checkbox with its label (and hint) beside it. */
export function Checkbox({ label, checked, onChange, id, value, hint, disabled, className }: CheckboxProps) {
  const madeId = useId();
  const inputId = id ?? madeId;
  return (
    <div className={className ? `checkboxes__item ${className}` : 'checkboxes__item'}>
      <input
        className="checkboxes__input"
        type="checkbox"
        id={inputId}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label className="checkboxes__label" htmlFor={inputId}>
        {label}
        {hint && <span className="checkboxes__hint">{hint}</span>}
      </label>
    </div>
  );
}
