// The period input of claim and relation mutations. Its GraphQL name stays ClaimPeriodInput: it
// was a claim's first, and clients declare variables of it by name.
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { PeriodValues } from '../db/writes/period.ts';
import { MAX_TEXT_LENGTH } from './mutation-inputs.ts';

export const PeriodInput = builder.inputType('ClaimPeriodInput', {
  description:
    'The time a figure or relation refers to. Give the dates when the article lets them be resolved, and its own words either way.',
  fields: (t) => ({
    start: t.field({ type: 'Date', description: 'First day covered (inclusive).' }),
    end: t.field({ type: 'Date', description: 'Last day covered (inclusive); not before start.' }),
    text: t.string({
      description: 'The period in the article\'s own words ("2024", "last year").',
      validate: z.string().trim().max(MAX_TEXT_LENGTH, `At most ${MAX_TEXT_LENGTH} characters.`).nullish(),
    }),
  }),
});

export const periodOf = (period: { start?: string | null; end?: string | null; text?: string | null }): PeriodValues => ({
  start: period.start ?? null,
  end: period.end ?? null,
  text: period.text ?? null,
});
