import { NotAvailable } from '@/components/not-available';

export default function EntitiesRoute() {
  return (
    <NotAvailable
      title="Entities"
      text="Linking PSA companies, accounting customers and gateway customers to organizations by hand is not available yet. Links sent through the REST API show as chips on each organization's profile."
    />
  );
}
