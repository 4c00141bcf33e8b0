import { ComingSoon } from '@/components/coming-soon';

export default function OpenInvoicesRoute() {
  return (
    <ComingSoon
      title="Open Invoices"
      text="Your open invoices, ready to pay online, are coming soon."
    />
  );
}
