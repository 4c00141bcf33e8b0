import { Button, Chip, TextField } from '@settle/ui';
import { useController, useFormContext } from 'react-hook-form';

import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { FormTextField } from '@/components/form';
import { PaymentMethodPicker } from '@/components/payment-methods/payment-method-picker';

import { isEmailAddress, type PayFormValues } from '../api/create-payment';

/** Pay flow, details step: which stored method pays ("Add payment method" opens the dialog). */
export function PayMethodSection({
  methods,
  onAddMethod,
}: {
  methods: readonly PaymentMethodDto[];
  onAddMethod: () => void;
}) {
  const { control } = useFormContext<PayFormValues>();
  const { field, fieldState } = useController({ control, name: 'methodId' });
  const error = fieldState.error?.message;
  return (
    <div className="app-pay-section">
      {methods.length ? (
        <PaymentMethodPicker
          methods={methods}
          value={field.value}
          onChange={field.onChange}
          error={error}
        />
      ) : (
        <>
          <p className="ui-field__label">Payment method</p>
          <p className="ui-muted">This organization has no stored payment method yet.</p>
          {error && (
            <p className="ui-field__error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
      <Button size="sm" onClick={onAddMethod}>
        Add payment method
      </Button>
    </div>
  );
}

/** Pay flow, details step: now, or scheduled for a date in the MSP's time zone. */
export function PayDateSection({ today }: { today: string }) {
  const { control, getValues, setValue, formState } = useFormContext<PayFormValues>();
  const { field } = useController({ control, name: 'schedule' });
  const dateError = formState.errors.date?.message;
  return (
    <div className="app-pay-section">
      <div className="app-switch">
        <input
          id="schedule-payment"
          type="checkbox"
          role="switch"
          ref={field.ref}
          name={field.name}
          checked={field.value}
          onBlur={field.onBlur}
          onChange={(e) => {
            field.onChange(e.target.checked);
            if (e.target.checked && !getValues('date')) setValue('date', today);
          }}
        />
        <label htmlFor="schedule-payment">Schedule payment</label>
      </div>
      {field.value ? (
        <FormTextField
          control={control}
          name="date"
          label="Payment date"
          type="date"
          className="app-date-field"
          min={today}
          hint="The payment method is charged on this date (your time zone)."
        />
      ) : (
        <p className="ui-muted app-note-text">
          The payment is made now.
          {/* an API error about the date while paying now still needs a place */}
          {dateError && <span className="ui-field__error"> {dateError}</span>}
        </p>
      )}
    </div>
  );
}

/**
 * Pay flow, details step: extra addresses for the payment's receipt, kept with the payment. The
 * receipt itself is the emails module's: the confirmation step shows what was really sent.
 */
export function PayReceiptSection() {
  const { control, getValues, setValue, setError, clearErrors } = useFormContext<PayFormValues>();
  const recipients = useController({ control, name: 'recipients' });
  const draft = useController({ control, name: 'recipientDraft' });
  const list = recipients.field.value;

  const add = () => {
    const email = getValues('recipientDraft').trim();
    if (!isEmailAddress(email)) {
      setError('recipientDraft', { message: 'Enter an email address' });
      return;
    }
    if (!list.includes(email)) recipients.field.onChange([...list, email]);
    setValue('recipientDraft', '');
    clearErrors('recipientDraft');
  };

  return (
    <div className="app-pay-section">
      <p className="ui-field__label">Receipt recipients</p>
      <p className="ui-muted app-note-text">
        Optional: more addresses for this payment's receipt. It also goes to the organization's
        default notification contacts, unless the organization excludes receipts.
      </p>
      {list.length > 0 && (
        <ul className="app-chips app-recipients" aria-label="Extra receipt recipients">
          {list.map((r) => (
            <li key={r}>
              <Chip>
                {r}
                <button
                  type="button"
                  className="app-chip-remove"
                  aria-label={`Remove ${r}`}
                  onClick={() => recipients.field.onChange(list.filter((x) => x !== r))}
                >
                  ×
                </button>
              </Chip>
            </li>
          ))}
        </ul>
      )}
      <div className="app-inline-add">
        <TextField
          label="Receipt recipient email"
          type="email"
          name={draft.field.name}
          ref={draft.field.ref}
          value={draft.field.value}
          onChange={draft.field.onChange}
          onBlur={draft.field.onBlur}
          onKeyDown={(e) => {
            // Enter adds the address; it does not submit the payment
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          error={draft.fieldState.error?.message}
        />
        <Button size="sm" onClick={add}>
          Add recipient
        </Button>
      </div>
    </div>
  );
}
