import {
  ACH_RETURN_CODES,
  achReturnCodeInfo,
  describeReturnCode,
  isRetryableReturnCode,
  stripeFailureToReturnCode,
} from './ach-returns';

describe('ACH_RETURN_CODES', () => {
  it('knows R01–R05, R07–R10, R16, R20 and R29', () => {
    expect(Object.keys(ACH_RETURN_CODES).sort()).toEqual(
      ['R01', 'R02', 'R03', 'R04', 'R05', 'R07', 'R08', 'R09', 'R10', 'R16', 'R20', 'R29'].sort(),
    );
    for (const { description } of Object.values(ACH_RETURN_CODES)) {
      expect(description.length).toBeGreaterThan(0);
      expect(description.length).toBeLessThanOrEqual(200); // the ach_returns.description column
    }
  });

  it('lets only insufficient and uncollected funds be retried', () => {
    const retryable = Object.entries(ACH_RETURN_CODES)
      .filter(([, info]) => info.retryable)
      .map(([code]) => code);
    expect(retryable).toEqual(['R01', 'R09']);
    expect(isRetryableReturnCode('R01')).toBe(true);
    expect(isRetryableReturnCode('r09')).toBe(true);
    expect(isRetryableReturnCode('R02')).toBe(false);
    expect(isRetryableReturnCode('R99')).toBe(false);
    expect(isRetryableReturnCode(null)).toBe(false);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(ACH_RETURN_CODES)).toBe(true);
    expect(Object.isFrozen(ACH_RETURN_CODES.R01)).toBe(true);
  });
});

describe('stripeFailureToReturnCode', () => {
  it.each([
    ['insufficient_funds', 'R01'],
    ['account_closed', 'R02'],
    ['no_account', 'R03'],
    ['invalid_account_number', 'R04'],
    ['debit_not_authorized', 'R10'],
    ['bank_account_restricted', 'R16'],
  ])('maps %s to %s', (stripe, code) => {
    expect(stripeFailureToReturnCode(stripe)).toBe(code);
    expect(ACH_RETURN_CODES[code]).toBeDefined();
  });

  it.each(['generic_decline', 'R01', '', 'constructor', 'toString', null, undefined])(
    'maps %p to nothing',
    (code) => {
      expect(stripeFailureToReturnCode(code)).toBeNull();
    },
  );
});

describe('describeReturnCode', () => {
  it('describes known codes whatever their case or spacing', () => {
    expect(describeReturnCode('R01')).toBe('Insufficient funds');
    expect(describeReturnCode(' r02 ')).toBe('Account closed');
    expect(achReturnCodeInfo('R16')).toEqual({ description: 'Account frozen', retryable: false });
  });

  it('answers null for an unknown code, so the gateway message can be shown instead', () => {
    expect(describeReturnCode('R31')).toBeNull();
    expect(describeReturnCode('hasOwnProperty')).toBeNull();
    expect(describeReturnCode(null)).toBeNull();
    expect(achReturnCodeInfo('__proto__')).toBeNull();
  });
});
