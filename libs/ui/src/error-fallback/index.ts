export * from './error-fallback';
