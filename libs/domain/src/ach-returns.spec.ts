import { achReturnCodeInfo, describeReturnCode, stripeFailureToReturnCode } from './ach-returns';

const KNOWN = ['R01', 'R02', 'R03', 'R04', 'R05', 'R07', 'R08', 'R09', 'R10', 'R16', 'R20', 'R29'];
const ALL_CODES = Array.from({ length: 99 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`);

describe('achReturnCodeInfo', () => {
  it('knows R01–R05, R07–R10, R16, R20 and R29', () => {
    expect(ALL_CODES.filter((code) => achReturnCodeInfo(code))).toEqual(KNOWN);
    for (const code of KNOWN) {
      const { description } = achReturnCodeInfo(code)!;
      expect(description.length).toBeGreaterThan(0);
      expect(description.length).toBeLessThanOrEqual(200); // the ach_returns.description column
    }
  });

  it('lets only insufficient and uncollected funds be retried', () => {
    expect(KNOWN.filter((code) => achReturnCodeInfo(code)?.retryable)).toEqual(['R01', 'R09']);
    expect(achReturnCodeInfo('r09')?.retryable).toBe(true);
    expect(achReturnCodeInfo('R99')).toBeNull();
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(achReturnCodeInfo('R01'))).toBe(true);
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
    expect(achReturnCodeInfo(code)).not.toBeNull();
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
