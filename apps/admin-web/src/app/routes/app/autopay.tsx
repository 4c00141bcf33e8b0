import { AutopayPage } from '@/features/autopay/components/autopay-page';

export default function AutoPayRoute() {
  return <AutopayPage />;
}
