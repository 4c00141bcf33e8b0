export * from './money-field';
