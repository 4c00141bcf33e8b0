import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

import { currencySymbol } from '../money';
import { cn } from '../utils/cn';

export interface MoneyFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'inputMode' | 'prefix'
> {
  label: ReactNode;
  /** ISO 4217 code: its sign is shown before the input ("$", "CA$", "€"). */
  currency: string;
  error?: string;
  hint?: ReactNode;
  /** Visually hide the label (it stays accessible). */
  hideLabel?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A text input for an amount with the currency's sign in front. It holds the typed text; the
 * form turns it into integer minor units (never a float), so "1,500.50" stays exact.
 */
export function MoneyField({
  label,
  currency,
  error,
  hint,
  hideLabel,
  id,
  className,
  ...rest
}: MoneyFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const messageId = `${inputId}-message`;
  return (
    <div className={cn('ui-field', error && 'ui-field--invalid', className)}>
      <label className={cn('ui-field__label', hideLabel && 'ui-visually-hidden')} htmlFor={inputId}>
        {label}
      </label>
      <div className="ui-input-group">
        {/* the sign is visual; the label and the table around the field name the currency */}
        <span className="ui-input-group__prefix" aria-hidden="true">
          {currencySymbol(currency)}
        </span>
        <input
          id={inputId}
          className="ui-input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? messageId : undefined}
          {...rest}
        />
      </div>
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
