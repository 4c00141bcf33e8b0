export { WebhooksModule } from './webhooks.module';
export { WebhooksProcessor } from './webhooks.processor';
