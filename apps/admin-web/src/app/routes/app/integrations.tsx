import { NotAvailable } from '@/components/not-available';

export default function IntegrationsRoute() {
  return (
    <NotAvailable
      title="Integrations"
      text={
        <>
          Connecting a PSA or an accounting package from this screen is not available yet. An
          integrator can already send organizations and invoices through the REST API (see the{' '}
          <a href="/api/docs">API documentation</a>; API keys are under Settings).
        </>
      }
    />
  );
}
