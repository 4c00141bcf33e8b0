export { accentColor, accentTextColor, type LogoImage, logoImage } from './branding';
export { EMAIL_TYPE_INFO } from './email-type-info';
/**
 * The contract, for callers that prefer one import.
 * @public
 */
export {
  EMAIL_CATEGORIES,
  EMAIL_TYPES,
  EXCLUDABLE_CATEGORIES,
  type Branding,
  type EmailCategory,
  type EmailTemplateData,
  type EmailType,
  type EmailTypeInfo,
  type ExcludableCategory,
  type InvoiceLine,
  type RenderedEmail,
  type TemplateOverrides,
} from './email-types';
export { renderEmail } from './render-email';
export { SAMPLE_TEMPLATE_DATA } from './sample-template-data';
export type { StatementDocument } from './statement-document';
