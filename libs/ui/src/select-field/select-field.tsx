import { useId, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';

import { cn } from '../utils/cn';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: ReactNode;
  options: readonly SelectOption[];
  error?: string;
  hint?: ReactNode;
  /** Visually hide the label (it stays accessible). */
  hideLabel?: boolean;
  ref?: Ref<HTMLSelectElement>;
}

export function SelectField({
  label,
  options,
  error,
  hint,
  hideLabel,
  id,
  className,
  ...rest
}: SelectFieldProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  const messageId = `${selectId}-message`;
  return (
    <div className={cn('ui-field', error && 'ui-field--invalid', className)}>
      <label
        className={cn('ui-field__label', hideLabel && 'ui-visually-hidden')}
        htmlFor={selectId}
      >
        {label}
      </label>
      <select
        id={selectId}
        className="ui-input ui-select"
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={messageId} className="ui-field__error" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="ui-field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
