export * from './loading-state';
