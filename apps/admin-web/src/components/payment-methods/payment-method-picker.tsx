import { useId } from 'react';

import type { PaymentMethodDto } from '@/api/payment-methods/types';

import { PaymentMethodStatusBadge, methodDescription, methodName } from './payment-method-label';

/**
 * A radio per stored method, labelled by its friendly name (brand, last4 and status describe it).
 * Locked and expired methods are shown but cannot be chosen.
 */
export function PaymentMethodPicker({
  methods,
  value,
  onChange,
  error,
  disabled,
}: {
  methods: readonly PaymentMethodDto[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  const baseId = useId();
  const errorId = `${baseId}-error`;
  return (
    <fieldset
      className="app-fieldset app-method-picker"
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="ui-field__label">Payment method</legend>
      <ul className="app-method-picker__list">
        {methods.map((m) => {
          const id = `${baseId}-${m.id}`;
          const usable = m.status === 'active';
          return (
            <li
              key={m.id}
              className={[
                'app-method-option',
                value === m.id && 'app-method-option--selected',
                !usable && 'app-method-option--disabled',
              ]
                .filter(Boolean)
                .join(' ')}
            >
              <input
                type="radio"
                id={id}
                name={`${baseId}-method`}
                value={m.id}
                checked={value === m.id}
                disabled={disabled || !usable}
                aria-describedby={`${id}-desc`}
                onChange={() => onChange(m.id)}
              />
              <label htmlFor={id}>{methodName(m)}</label>
              <span id={`${id}-desc`} className="app-method-option__desc">
                <span className="ui-muted">{methodDescription(m)}</span>{' '}
                {m.isDefault && <span className="ui-badge">Default</span>}{' '}
                {m.status !== 'active' && <PaymentMethodStatusBadge status={m.status} />}
                {m.status === 'locked' && m.lockedReason && (
                  <span className="ui-muted"> {m.lockedReason}</span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {error && (
        <p id={errorId} className="ui-field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
