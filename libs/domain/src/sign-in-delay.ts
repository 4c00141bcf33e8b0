/** How failed sign-ins for one email from one address slow down the next attempt. */
export interface SignInDelayPolicy {
  /** Failures that cost nothing: the attempt after this many is the first to wait. */
  freeFailures: number;
  /** The longest wait, in seconds. */
  maxDelaySeconds: number;
}

/**
 * Seconds the next attempt must wait after the last failure: none below `freeFailures`, then
 * 1 s, 2 s, 4 s … doubling with each further failure up to `maxDelaySeconds`. A guesser gets a
 * handful of tries and then a few per hour; a person who mistyped waits a second or two.
 */
export function signInDelaySeconds(failures: number, policy: SignInDelayPolicy): number {
  if (failures < policy.freeFailures) return 0;
  // 2 ** a large exponent is Infinity, which the cap absorbs.
  return Math.min(2 ** (failures - policy.freeFailures), policy.maxDelaySeconds);
}

/**
 * The same rule as a short table, for code that cannot call it (a Redis script): entry i is the
 * wait after `freeFailures + i` failures, and the last entry, the cap, holds for every count
 * beyond the table.
 */
export function signInDelaySchedule(policy: SignInDelayPolicy): number[] {
  const schedule: number[] = [];
  for (let failures = policy.freeFailures; ; failures++) {
    const seconds = signInDelaySeconds(failures, policy);
    schedule.push(seconds);
    if (seconds >= policy.maxDelaySeconds) return schedule;
  }
}
