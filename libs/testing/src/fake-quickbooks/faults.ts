/**
 * The error envelopes of QuickBooks Online (integrations.md 2.6) and the failure scenarios of
 * the fake's contract (6.2), each as the response the real service gives for it.
 */

/** The standard envelope of a 4xx: `Fault.Error[]` with a `type`. */
export function faultBody(
  time: string,
  code: string,
  message: string,
  detail: string,
  options: { element?: string; type?: string } = {},
) {
  return {
    Fault: {
      Error: [{ Detail: detail, Message: message, code, element: options.element ?? '' }],
      type: options.type ?? 'ValidationFault',
    },
    time,
  };
}

/** The lower-case envelope QuickBooks uses for 401, 403 and 429 (integrations.md 2.6). */
export function platformFaultBody(
  status: number,
  name: string,
  errorCode: string,
  detail: string,
  type: string,
) {
  return {
    attachableResponse: [],
    batchItemResponse: [],
    cdcresponse: [],
    fault: {
      error: [
        {
          code: String(Number(errorCode)),
          detail,
          element: null,
          message: `message=${name}; errorCode=${errorCode}; statusCode=${status}`,
        },
      ],
      type,
    },
    intuitObject: null,
    queryResponse: null,
    report: null,
    requestId: null,
    status: null,
    syncErrorResponse: null,
    time: Date.now(),
    warnings: null,
  };
}

export const INVALID_TOKEN_HEADERS = {
  'www-authenticate': 'Bearer realm="Intuit", error="invalid_token"',
};

export const DETAILS = {
  cannotLink: 'TxnID Cannot Be Linked : The transaction cannot be linked to this payment.',
  closedPeriod: 'Account Period Closed, cannot update through Services API.',
  deleted: 'Object Not Found : Another user has deleted this transaction.',
  deposited: 'Deposited Transaction cannot be changed : This transaction has been deposited.',
  inactive:
    "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
  stale:
    'Stale Object Error : You and another user were working on this at the same time. You finished before the other user, so you must wait for them to finish.',
  subscriptionEnded:
    "Subscription period has ended or canceled or there was a billing problem : You can't add data to QuickBooks Online because your trial or subscription period ended, you canceled your subscription, or there was a billing problem.",
};

/** What an injected scenario makes the next matching requests answer. */
export interface QboFault {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Waits this long first; with no status, the real answer follows (a slow response). */
  delayMs?: number;
  /** Drops the connection without an answer. */
  reset?: boolean;
  /** A payment create is accepted but applied to nothing (customer mismatch, [QB-16]). */
  unapplied?: boolean;
}

export type QboScenario =
  | 'business-validation'
  | 'cannot-link'
  | 'closed-period'
  | 'customer-mismatch'
  | 'deposited'
  | 'invoice-deleted'
  | 'lost-access'
  | 'server-error'
  | 'stale'
  | 'subscription-ended'
  | 'throttled'
  | 'token-expired'
  | 'unavailable';

/** The response of each failure scenario in integrations.md 6.2; `detail` overrides the 6000 one. */
export function scenarioFault(scenario: QboScenario, time: string, detail?: string): QboFault {
  const validation = (code: string, message: string, text: string): QboFault => ({
    body: faultBody(time, code, message, detail ?? text),
    status: 400,
  });
  switch (scenario) {
    case 'token-expired':
      return {
        body: platformFaultBody(
          401,
          'AuthenticationFailed',
          '003200',
          'Token expired',
          'AUTHENTICATION',
        ),
        headers: INVALID_TOKEN_HEADERS,
        status: 401,
      };
    case 'lost-access':
      return {
        body: faultBody(
          time,
          '120',
          'Authorization Failure',
          'AuthorizationFailure: -11014-You do not have access to use QuickBooks Online. Contact your administrator to request access.',
          { type: 'AuthorizationFault' },
        ),
        status: 401,
      };
    case 'invoice-deleted':
      return validation('610', 'Object Not Found', DETAILS.deleted);
    case 'cannot-link':
      return validation('620', 'TxnID Cannot Be Linked', DETAILS.cannotLink);
    case 'business-validation':
      return validation(
        '6000',
        'A business validation error has occurred while processing your request',
        'Business Validation Error: You must set a transaction amount.',
      );
    case 'closed-period':
      return validation('6210', 'Account Period Closed', DETAILS.closedPeriod);
    case 'deposited':
      return validation('6540', 'Deposited Transaction cannot be changed', DETAILS.deposited);
    case 'stale':
      return validation('5010', 'Stale Object Error', DETAILS.stale);
    case 'subscription-ended':
      return validation('6190', 'Invalid Company Status', DETAILS.subscriptionEnded);
    case 'throttled':
      return {
        body: platformFaultBody(429, 'ThrottleExceeded', '003001', 'Throttle exceeded', 'SERVICE'),
        status: 429,
      };
    case 'customer-mismatch':
      return { unapplied: true };
    case 'server-error':
      return {
        body: faultBody(
          time,
          '10000',
          'An application error has occurred while processing your request',
          'System Failure Error: An unexpected error occurred.',
          { type: 'SystemFault' },
        ),
        status: 500,
      };
    case 'unavailable':
      return { body: 'Service Unavailable', status: 503 };
  }
}
