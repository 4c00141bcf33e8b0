import { useId, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';

import { cn } from '../utils/cn';

export interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** Visually hide the label (it stays accessible). */
  hideLabel?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({
  label,
  error,
  hint,
  hideLabel,
  id,
  className,
  rows = 3,
  ...rest
}: TextAreaFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const messageId = `${inputId}-message`;
  return (
    <div className={cn('ui-field', error && 'ui-field--invalid', className)}>
      <label className={cn('ui-field__label', hideLabel && 'ui-visually-hidden')} htmlFor={inputId}>
        {label}
      </label>
      <textarea
        id={inputId}
        rows={rows}
        className="ui-input ui-textarea"
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
