import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

import { cn } from '../utils/cn';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** Visually hide the label (it stays accessible). */
  hideLabel?: boolean;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({
  label,
  error,
  hint,
  hideLabel,
  id,
  className,
  ...rest
}: TextFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const messageId = `${inputId}-message`;
  return (
    <div className={cn('ui-field', error && 'ui-field--invalid', className)}>
      <label className={cn('ui-field__label', hideLabel && 'ui-visually-hidden')} htmlFor={inputId}>
        {label}
      </label>
      <input
        id={inputId}
        className="ui-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        {...rest}
      />
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
