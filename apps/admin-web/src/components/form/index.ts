export { Form, FormAlert, SubmitButton } from './form';
export {
  FormCheckboxField,
  FormComboboxField,
  FormMoneyField,
  FormSelectField,
  FormTextAreaField,
  FormTextField,
} from './fields';
