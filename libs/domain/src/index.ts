export * from './aging';
export * from './allocation';
export * from './balances';
export * from './calendar-date';
export * from './money';
export * from './roles';
