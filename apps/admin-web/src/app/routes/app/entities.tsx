import { ComingSoon } from '@/components/coming-soon';

export default function EntitiesRoute() {
  return (
    <ComingSoon
      title="Entities"
      text="Linking PSA companies, accounting customers and gateway customers arrives with integrations."
    />
  );
}
