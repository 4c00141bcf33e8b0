import { ValidationError } from 'class-validator';

import { flattenValidationErrors } from './validation-errors';

function error(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { children, constraints, property });
}

describe('flattenValidationErrors', () => {
  it('builds dotted paths through nested objects and arrays', () => {
    const tree = [
      error('allocations', undefined, [
        error('0', undefined, [error('amount', { isInt: 'amount must be an integer number' })]),
      ]),
      error('extra', { whitelistValidation: 'property extra should not exist' }),
    ];
    expect(flattenValidationErrors(tree)).toEqual([
      { field: 'allocations.0.amount', message: 'must be an integer number' },
      { field: 'extra', message: 'is not an allowed field' },
    ]);
  });

  it('keeps every constraint of a field', () => {
    const flat = flattenValidationErrors([
      error('email', { isEmail: 'email must be an email', maxLength: 'email is too long' }),
    ]);
    expect(flat.map((e) => e.message)).toEqual(['must be an email', 'is too long']);
  });
});
