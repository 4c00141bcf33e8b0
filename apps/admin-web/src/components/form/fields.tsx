import {
  CheckboxField,
  ComboboxField,
  MoneyField,
  SelectField,
  TextAreaField,
  TextField,
  type CheckboxFieldProps,
  type ComboboxFieldProps,
  type MoneyFieldProps,
  type SelectFieldProps,
  type TextAreaFieldProps,
  type TextFieldProps,
} from '@settle/ui';
import {
  useController,
  type Control,
  type ControllerRenderProps,
  type FieldPath,
  type FieldValues,
} from 'react-hook-form';
import { useId } from 'react';

/**
 * Fields bound to a react-hook-form field by `control` + `name` (the name is type-checked against
 * the form's values). Each shows its label, its error (from the schema or the API's problem) with
 * `aria-invalid` and `aria-describedby`, and takes the usual input props besides.
 */
type Bound<TValues extends FieldValues, TName extends FieldPath<TValues>, TOutput> = {
  control: Control<TValues, unknown, TOutput>;
  name: TName;
};

type Native<P> = Omit<
  P,
  'name' | 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'ref' | 'error'
>;

function useBound<TValues extends FieldValues, TName extends FieldPath<TValues>, TOutput>({
  control,
  name,
}: Bound<TValues, TName, TOutput>) {
  const { field, fieldState } = useController({ control, name });
  return { field, error: fieldState.error?.message };
}

/** What a text-like input takes from the controller (an explicit `disabled` prop wins). */
function inputProps<TValues extends FieldValues, TName extends FieldPath<TValues>>(
  field: ControllerRenderProps<TValues, TName>,
  disabled: boolean | undefined,
) {
  return {
    name: field.name,
    ref: field.ref,
    value: (field.value as string | undefined) ?? '',
    onChange: field.onChange,
    onBlur: field.onBlur,
    disabled: disabled ?? field.disabled,
  };
}

export function FormTextField<
  TValues extends FieldValues,
  TName extends FieldPath<TValues>,
  TOutput,
>({ control, name, ...rest }: Bound<TValues, TName, TOutput> & Native<TextFieldProps>) {
  const { field, error } = useBound({ control, name });
  return <TextField {...rest} {...inputProps(field, rest.disabled)} error={error} />;
}

export function FormTextAreaField<
  TValues extends FieldValues,
  TName extends FieldPath<TValues>,
  TOutput,
>({ control, name, ...rest }: Bound<TValues, TName, TOutput> & Native<TextAreaFieldProps>) {
  const { field, error } = useBound({ control, name });
  return <TextAreaField {...rest} {...inputProps(field, rest.disabled)} error={error} />;
}

export function FormSelectField<
  TValues extends FieldValues,
  TName extends FieldPath<TValues>,
  TOutput,
>({ control, name, ...rest }: Bound<TValues, TName, TOutput> & Native<SelectFieldProps>) {
  const { field, error } = useBound({ control, name });
  return <SelectField {...rest} {...inputProps(field, rest.disabled)} error={error} />;
}

export function FormCheckboxField<
  TValues extends FieldValues,
  TName extends FieldPath<TValues>,
  TOutput,
>({
  control,
  name,
  ...rest
}: Bound<TValues, TName, TOutput> & Native<Omit<CheckboxFieldProps, 'checked'>>) {
  const { field, error } = useBound({ control, name });
  return (
    <CheckboxField
      {...rest}
      name={field.name}
      ref={field.ref}
      checked={!!field.value}
      onChange={(e) => field.onChange(e.target.checked)}
      onBlur={field.onBlur}
      disabled={rest.disabled ?? field.disabled}
      error={error}
    />
  );
}

/** The typed text of an amount, with the currency's sign in front; parse it with `moneyText`. */
export function FormMoneyField<
  TValues extends FieldValues,
  TName extends FieldPath<TValues>,
  TOutput,
>({ control, name, ...rest }: Bound<TValues, TName, TOutput> & Native<MoneyFieldProps>) {
  const { field, error } = useBound({ control, name });
  return <MoneyField {...rest} {...inputProps(field, rest.disabled)} error={error} />;
}

/** A searchable, grouped choice (ARIA combobox); the value is an option's `value`. */
export function FormComboboxField<
  TValues extends FieldValues,
  TName extends FieldPath<TValues>,
  TOutput,
>({ control, name, ...rest }: Bound<TValues, TName, TOutput> & Native<ComboboxFieldProps>) {
  const { field, error } = useBound({ control, name });
  return (
    <ComboboxField
      {...rest}
      name={field.name}
      ref={field.ref}
      value={field.value ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      disabled={rest.disabled ?? field.disabled}
      error={error}
    />
  );
}

/** Checkboxes that together choose a list of values (the field holds the chosen `value`s). */
export function FormCheckboxGroupField<
  TValues extends FieldValues,
  TName extends FieldPath<TValues>,
  TOutput,
>({
  control,
  name,
  legend,
  hideLegend,
  options,
  disabled,
}: Bound<TValues, TName, TOutput> & {
  legend: string;
  hideLegend?: boolean;
  options: readonly { value: string; label: string }[];
  disabled?: boolean;
}) {
  const { field, error } = useBound({ control, name });
  const errorId = `${useId()}-error`;
  const chosen = (field.value as readonly string[] | undefined) ?? [];
  const toggle = (value: string, on: boolean) =>
    field.onChange(on ? [...chosen, value] : chosen.filter((v) => v !== value));
  return (
    <fieldset
      className="app-fieldset"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className={hideLegend ? 'ui-visually-hidden' : 'ui-field__label'}>{legend}</legend>
      {options.map((o, i) => (
        <CheckboxField
          key={o.value}
          ref={i === 0 ? field.ref : undefined}
          label={o.label}
          checked={chosen.includes(o.value)}
          disabled={disabled ?? field.disabled}
          onChange={(e) => toggle(o.value, e.target.checked)}
          onBlur={field.onBlur}
        />
      ))}
      {error && (
        <p id={errorId} className="ui-field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
