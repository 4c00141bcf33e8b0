export { IntegrationsModule } from './integrations.module';
export { IntegrationsProcessor } from './integrations.processor';
