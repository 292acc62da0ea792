// The expected failures of mutations as GraphQL types: each mutation's result is a union of its
// payload and the errors it can return, so a client branches on __typename.
import { builder } from '../builder.ts';
import { ConflictError, NotFoundError, QuoteNotFoundError, ValidationError } from '../domain/errors.ts';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'An expected failure of a mutation; nothing was written.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for a person to read.' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The input names an object that does not exist (or is of another type).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true, description: 'The ID or slug that was not found.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'An input value is not acceptable.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Path of the offending input field, e.g. "input.citation.quote".' }),
  }),
});

builder.objectType(QuoteNotFoundError, {
  name: 'QuoteNotFoundError',
  description: 'The quote does not occur verbatim in the article\'s clean body (see Article.body).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    articleId: t.exposeString('articleId', { description: 'The article searched.' }),
    quote: t.exposeString('quote', { description: 'The quote as given.' }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The change contradicts the current state: a duplicate, a review of something not awaiting review, a merge already made.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

/** The errors every mutation can return. */
export const MUTATION_ERRORS = [NotFoundError, ValidationError, ConflictError];
/** The errors of mutations that take a citation. */
export const CITING_MUTATION_ERRORS = [...MUTATION_ERRORS, QuoteNotFoundError];
