import { ComingSoon } from '@/components/coming-soon';

export default function IntegrationsRoute() {
  return (
    <ComingSoon
      title="Integrations"
      text="Connect your PSA and accounting package here once integrations arrive."
    />
  );
}
