export * from './eventually';
export * from './fake-connectwise';
export * from './fake-quickbooks';
export * from './fake-stripe';
export * from './processes';
export * from './openapi-contract';
export * from './smtp';
export * from './webhook-receiver';
