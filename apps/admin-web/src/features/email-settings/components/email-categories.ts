import type { EmailCategory } from '../api/types';

export const CATEGORY_LABELS: Record<EmailCategory, string> = {
  receipts: 'Receipts',
  notices: 'Notices',
  statements: 'Statements',
  access: 'Portal access',
  staff: 'Staff notifications',
};
