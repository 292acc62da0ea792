// The period of a claim or relation as a mutation gives it, checked as the database checks it.
import { ValidationError } from '../../domain/errors.ts';

export interface PeriodValues {
  start: string | null;
  end: string | null;
  text: string | null;
}

/** The period as stored: its text trimmed (blank is none); one that ends before it starts is refused. */
export function checkedPeriod(period: PeriodValues, field = 'input.period'): PeriodValues {
  const checked = { ...period, text: period.text?.trim() || null };
  if (checked.start !== null && checked.end !== null && checked.start > checked.end) {
    throw new ValidationError(`The period ends (${checked.end}) before it starts (${checked.start}).`, `${field}.end`);
  }
  return checked;
}
