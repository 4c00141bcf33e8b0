export * from './stat-tile';
