/** Which requests an injected fault answers: a path pattern, and a method when one is given. */
export interface RequestMatch {
  method?: string;
  path: RegExp;
}

/**
 * The faults a test armed on a fake server, each for the next N requests it matches: the first
 * armed that matches answers a request, until its count runs out.
 */
export class FaultQueue<F> {
  private readonly armed: { fault: F; match: RequestMatch; remaining: number }[] = [];

  arm(match: RequestMatch, fault: F, times = 1): void {
    if (times <= 0) return;
    this.armed.push({
      fault,
      match: { method: match.method?.toUpperCase(), path: match.path },
      remaining: times,
    });
  }

  /** The fault armed for this request, if any, using up one of its times. */
  take(method: string, path: string): F | undefined {
    const upper = method.toUpperCase();
    const index = this.armed.findIndex(
      ({ match }) => (!match.method || match.method === upper) && match.path.test(path),
    );
    if (index === -1) return undefined;
    const armed = this.armed[index]!;
    armed.remaining -= 1;
    if (armed.remaining === 0) this.armed.splice(index, 1);
    return armed.fault;
  }
}
