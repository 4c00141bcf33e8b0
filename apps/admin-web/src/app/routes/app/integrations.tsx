import { IntegrationsScreen } from '@/features/integrations/components/integrations-screen';

export default function IntegrationsRoute() {
  return <IntegrationsScreen />;
}
