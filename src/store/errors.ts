/** A request the store refuses: the server answers 400 with `field` and the message. */
export class StoreInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "StoreInputError";
    this.field = field;
  }
}

/** The user id names nobody: the server answers 404. */
export class UnknownUserError extends Error {
  constructor(userId: string) {
    super(`unknown user ${JSON.stringify(userId)}`);
    this.name = "UnknownUserError";
  }
}

/** Another writer changed the row between our read and our write; the transaction is retried. */
export class WriteConflictError extends Error {
  constructor(what: string) {
    super(`write conflict on ${what}`);
    this.name = "WriteConflictError";
  }
}

/** One thing wrong with an import file, named by its path in the file (`reviews.3.rating`). */
export interface FileProblem {
  field: string;
  reason: string;
}

/**
 * A progress file that cannot be imported, with every problem found (up to a cap), so
 * a person can fix the file in one go. `headline` says what kind of trouble it is.
 */
export class ProgressFileError extends StoreInputError {
  readonly headline: string;
  readonly problems: readonly FileProblem[];
  constructor(headline: string, problems: readonly FileProblem[]) {
    const first = problems[0] ?? { field: "file", reason: headline };
    super(first.field, first.reason);
    this.name = "ProgressFileError";
    this.headline = headline;
    this.problems = problems;
  }
}
