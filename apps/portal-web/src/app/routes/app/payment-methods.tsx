import { ComingSoon } from '@/components/coming-soon';

export default function PaymentMethodsRoute() {
  return (
    <ComingSoon
      title="Payment Methods"
      text="Saving cards and bank accounts for faster payments is coming soon."
    />
  );
}
