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
