import { ValidationError } from 'class-validator';

import { FieldError } from './problem';

/**
 * Flattens class-validator's tree into dotted field paths (`allocations.0.amount`) with
 * messages that do not repeat the field name.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      flat.push({ field, message: cleanMessage(constraint, message, error.property) });
    }
    if (error.children?.length) flat.push(...flattenValidationErrors(error.children, field));
  }
  return flat;
}

function cleanMessage(constraint: string, message: string, property: string): string {
  if (constraint === 'whitelistValidation') return 'is not an allowed field';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
