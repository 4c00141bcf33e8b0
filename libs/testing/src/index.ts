export * from './eventually';
export * from './processes';
