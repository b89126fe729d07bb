/** One try of one actor at one way in, as the authorization probe records it. */
export interface Attempt {
  /** Who tried, e.g. "a revoked token". */
  readonly who: string;
  /** What she tried, e.g. "REST DELETE /api/programs/:programId/members/:userId". */
  readonly what: string;
  /** What the server answered, e.g. "404", "forbidden", "101". */
  readonly answer: string;
  /**
   * The policy allows her this: a control that shows the probe can succeed at all. Not an
   * attempt at unauthorized access, and never a breach.
   */
  readonly entitled: boolean;
  /** She reached what she must not: a 2xx, an open socket, a room event, a frame of a board. */
  readonly gotIn: boolean;
  /** The exact answer the policy table gives, where the matrix checks exact answers. */
  readonly expected?: string;
  /**
   * Refused, but not by authentication or authorization (a validation error, a 500): the
   * attempt proved nothing about access, so the probe must be fixed.
   */
  readonly inconclusive?: boolean;
}

const describe = (a: Attempt) => `${a.who} → ${a.what}: ${a.answer}`;

/** Every attempt of a run, and the views of them a report or a failing test needs. */
export class AttemptLog {
  readonly attempts: Attempt[] = [];

  add(attempt: Attempt): void {
    this.attempts.push(attempt);
  }

  /** Attempts at what the actor is not entitled to. */
  unauthorized(): Attempt[] {
    return this.attempts.filter((a) => !a.entitled);
  }

  /** The unauthorized attempts that got in, each described. */
  breaches(): string[] {
    return this.unauthorized()
      .filter((a) => a.gotIn)
      .map(describe);
  }

  /** Answers that differ from the policy table, controls included. */
  mismatches(): string[] {
    return this.attempts
      .filter((a) => a.expected !== undefined && a.answer !== a.expected)
      .map((a) => `${describe(a)}, the policy says ${a.expected}`);
  }

  inconclusive(): string[] {
    return this.attempts.filter((a) => a.inconclusive).map(describe);
  }

  /** Actor × path tables of the attempts with an exact expected answer, to diff in a test. */
  matrix(): { actual: Table; expected: Table } {
    const actual: Table = {};
    const expected: Table = {};
    for (const a of this.attempts) {
      if (a.expected === undefined) continue;
      (actual[a.who] ??= {})[a.what] = a.answer;
      (expected[a.who] ??= {})[a.what] = a.expected;
    }
    return { actual, expected };
  }
}

export type Table = Record<string, Record<string, string>>;
