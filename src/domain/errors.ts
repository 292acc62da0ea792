// Expected failures of a write, as plain classes: the db layer throws them, and the schema maps
// each to a GraphQL error type (src/schema/errors.ts) that clients can branch on.

/** The object a write names does not exist (or is not a kind of thing that write accepts). */
export class NotFoundError extends Error {
  constructor(message: string, readonly id: string | null = null) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** An input value is not acceptable; `field` is its path in the input, e.g. "input.citation.quote". */
export class ValidationError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** A citation's quote does not occur verbatim in the article's clean body. */
export class QuoteNotFoundError extends Error {
  constructor(message: string, readonly articleId: string, readonly quote: string) {
    super(message);
    this.name = 'QuoteNotFoundError';
  }
}

/** The write contradicts the current state: a duplicate, a review of something already reviewed, a merge already made. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
