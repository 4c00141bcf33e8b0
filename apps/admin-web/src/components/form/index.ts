export { Form, SubmitButton } from './form';
export {
  FormCheckboxField,
  FormCheckboxGroupField,
  FormComboboxField,
  FormMoneyField,
  FormSelectField,
  FormTextAreaField,
  FormTextField,
} from './fields';
