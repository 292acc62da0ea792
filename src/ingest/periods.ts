// Periods in news English: finds the phrases a sentence dates its figures with ("in 2024", "the
// first 11 months of this year", "by June 13", "since 2013", "six months ago") and resolves them to
// inclusive ISO dates, relative ones against the article's publication date. Without that date a
// relative period keeps its words and stays unresolved (start and end null).
import { Culture, DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';
import type { FoundPeriod } from './extraction.ts';

/** How finely a period is known: a day, a month, a year, or a span of several of them. */
export type PeriodPrecision = 'day' | 'month' | 'year' | 'span' | 'open';

export interface ParsedPeriod extends FoundPeriod {
  precision: PeriodPrecision;
  /** Resolved against the publication date ("last year", "in April", "six months ago"). */
  relative: boolean;
  /** The leading word that shapes the period ("since", "by", "on"), lowercased; null when none. */
  preposition: string | null;
}

/** A period phrase in a text: [start, end) in UTF-16 indices of that text. */
export interface PeriodPhrase {
  start: number;
  end: number;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const MONTHS: ReadonlyArray<readonly [number, RegExp]> = [
  [1, /^jan(?:uary|\.)?$/i], [2, /^feb(?:ruary|\.)?$/i], [3, /^mar(?:ch|\.)?$/i], [4, /^apr(?:il|\.)?$/i],
  [5, /^may$/i], [6, /^june?\.?$/i], [7, /^july?\.?$/i], [8, /^aug(?:ust|\.)?$/i], [9, /^sep(?:t(?:ember)?)?\.?$/i],
  [10, /^oct(?:ober|\.)?$/i], [11, /^nov(?:ember|\.)?$/i], [12, /^dec(?:ember|\.)?$/i],
];
// Month names start with a capital in running text; "may" and "march" are also words.
const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![\p{L}])`;
const YEAR = String.raw`(?<![\p{L}\p{N}$€¥£₸₽.,])(?:1[89]\d\d|20\d\d|21\d\d)(?![\p{N}]|[.,]\d|\s*(?:%|percent|per cent))`;
const DAY = String.raw`(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\p{N}:])`;
const SMALL_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  a: 1, an: 1,
};
const COUNT = String.raw`(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, last: 4 };
const RELATIVE_YEAR = String.raw`(?:this|last|next|the\s+previous|the\s+past|the\s+current|the\s+same)\s+year`;
const YEAR_REF = String.raw`(?:${YEAR}|${RELATIVE_YEAR}|the\s+year)`;
// A leading word that changes what the period means, or only introduces it.
const PREPOSITION = String.raw`(?:(?:in|on|during|for|since|by|until|till|through|throughout|as\s+of|from|between|before|after|over|within|of)\s+)?`;

/** The phrase forms, longest first where two could start at the same place. */
const FORMS: RegExp[] = [
  // Spans: "from 2013 to 2021", "between January and October 2025", "2016-2020", "January-October 2025".
  String.raw`(?:from|between)\s+(?:${MONTH}\s+)?(?:${DAY},?\s+)?(?:${YEAR}|${MONTH})\s+(?:to|and|until|till|through)\s+(?:(?:the\s+end\s+of|${MONTH})\s+)?(?:${DAY},?\s+)?(?:${YEAR}|${MONTH})(?:\s+${YEAR_REF}|,?\s+${YEAR})?`,
  String.raw`${PREPOSITION}${YEAR}\s*[-–—/]\s*(?:${YEAR}|\d\d(?![\p{N}]))`,
  String.raw`${PREPOSITION}(?:the\s+)?${MONTH}\s*(?:[-–—]|\s+to\s+|\s+through\s+)\s*${MONTH}(?:,?\s+${YEAR}|\s+(?:of\s+)?${RELATIVE_YEAR})?`,
  // Parts of a year: "the first 11 months of this year", "the first half of 2023", "Q3 2024", "H1 2025".
  // Without "of <year>" only when no other "of" follows: "the first three months of the alliance" is a duration.
  String.raw`${PREPOSITION}(?:the\s+)?(?:first|past|last)\s+${COUNT}\s+months(?:\s+of\s+${YEAR_REF}|(?!\s+of\s))`,
  String.raw`${PREPOSITION}(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|last)\s+(?:half|quarter)(?:\s+of\s+${YEAR_REF}|,?\s+${YEAR})?`,
  String.raw`${PREPOSITION}(?:Q[1-4]|H[12])\s*${YEAR}`,
  // Days: "October 29, 2022", "29 October 2022", "Sept 14", "2022-10-31", "June 13 this year".
  String.raw`${PREPOSITION}${MONTH}\s+${DAY}(?:,?\s+${YEAR}|\s+(?:of\s+)?${RELATIVE_YEAR})?`,
  String.raw`${PREPOSITION}${DAY}\s+(?:of\s+)?${MONTH}(?:,?\s+${YEAR})?`,
  String.raw`${PREPOSITION}(?<![\p{N}-])(?:19|20)\d\d-[01]\d-[0-3]\d(?![\p{N}])`,
  // Months: "February 2024", "March last year", "in April".
  String.raw`${PREPOSITION}(?:(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of)\s*)?${MONTH}(?:,?\s+${YEAR}|\s+(?:of\s+)?${RELATIVE_YEAR})`,
  String.raw`(?:in|since|by|until|till|through|during|from|before|after|early|late|mid-?|last|this|next)\s+${MONTH}`,
  // Relative: "this year", "last month", "six months ago", "the past five years", "yesterday".
  String.raw`${PREPOSITION}(?:the\s+)?(?:past|last|previous|next|coming)\s+${COUNT}\s+(?:years|months|weeks|days)`,
  String.raw`${PREPOSITION}${COUNT}\s+(?:years?|months?|weeks?|days?)\s+ago`,
  String.raw`${PREPOSITION}(?:this|last|next|the\s+previous|the\s+current|the\s+past|the\s+same)\s+(?:year|month|week)`,
  String.raw`${PREPOSITION}(?:yesterday|today|tomorrow)`,
  // "by the end of the year", "at the end of 2023"
  String.raw`${PREPOSITION}(?:the\s+)?(?:end|close)\s+of\s+${YEAR_REF}`,
  // Years: "in 2024", "since 2013", "by 2030", "the 2024 figure".
  String.raw`(?:(?:in|during|for|since|by|until|till|through|throughout|as\s+of|before|after|of|from|to|early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of)\s+)?${YEAR}`,
].map((form) => new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${form})(?!['’]s\b)(?![\p{L}\p{N}])`, 'giu'));

/** Words that state a figure at the time of writing. */
const PRESENT = /^(?:currently|now|at\s+present|at\s+the\s+moment|to\s+date|so\s+far|as\s+of\s+now)$/i;

// ---------------------------------------------------------------------------------------------
// Finding

/** Period phrases in a text, leftmost-longest, not overlapping, in text order. */
export function findPeriodPhrases(text: string): PeriodPhrase[] {
  const found: PeriodPhrase[] = [];
  for (const form of FORMS) {
    form.lastIndex = 0;
    for (let m = form.exec(text); m; m = form.exec(text)) {
      if (m[0].length === 0) {
        form.lastIndex++;
        continue;
      }
      const phrase = trimPhrase(text, m.index, m.index + m[0].length);
      if (phrase && isDatePhrase(phrase.text)) found.push(phrase);
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PeriodPhrase[] = [];
  for (const phrase of found) {
    const last = kept[kept.length - 1];
    if (last && phrase.start < last.end) continue;
    kept.push(phrase);
  }
  return kept;
}

function trimPhrase(text: string, start: number, end: number): PeriodPhrase | null {
  while (start < end && /[\s,]/.test(text[start]!)) start++;
  while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
  return end > start ? { start, end, text: text.slice(start, end) } : null;
}

// Month names are capitalised in running text; lowercase "may", "march" or "sept" are other words.
const LOWERCASE_MONTH = /(?<![\p{L}])(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![\p{L}])/u;

function isDatePhrase(phrase: string): boolean {
  return !LOWERCASE_MONTH.test(phrase);
}

// ---------------------------------------------------------------------------------------------
// Resolving

/**
 * The period the words state: start and end as inclusive 'YYYY-MM-DD' dates, resolved against
 * `publishedOn` when relative, and the words themselves (a leading "in", "on" or "during" dropped).
 * Relative words with no publication date, and words that are no period, leave start and end null.
 */
export function resolvePeriod(words: string, publishedOn: string | null): FoundPeriod {
  const parsed = parsePeriod(words, publishedOn);
  if (parsed) return { start: parsed.start, end: parsed.end, text: parsed.text };
  const text = words.trim();
  return { start: null, end: null, text: text === '' ? null : text };
}

/** Like resolvePeriod, with what the words say about precision and relativity; null when they state no period. */
export function parsePeriod(words: string, publishedOn: string | null): ParsedPeriod | null {
  const text = words.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  const shown = text.replace(/^(?:in|on|during|at)\s+/i, '');
  const anchor = publishedOn && /^\d{4}-\d{2}-\d{2}$/.test(publishedOn) ? day(publishedOn) : null;

  if (PRESENT.test(text)) {
    return { ...point(anchor), text: shown, precision: 'day', relative: true, preposition: null };
  }
  const prepositionMatch = /^(in|on|during|for|since|by|until|till|through|throughout|as of|from|between|before|after|over|within|of)\s+/i.exec(text);
  const preposition = prepositionMatch ? prepositionMatch[1]!.toLowerCase() : null;
  const rest = prepositionMatch ? text.slice(prepositionMatch[0].length) : text;

  // "from X to Y", "between X and Y", "X-Y"
  const span = splitSpan(rest, preposition);
  if (span) {
    const from = core(span[0], anchor, span[1]);
    const to = core(span[1], anchor, null);
    if (from && to) {
      const start = from.start;
      const end = to.end;
      const relative = from.relative || to.relative;
      if (relative && !anchor) return unresolved(shown, 'span', preposition);
      if (start && end && start > end) return null;
      return { start, end, text: shown, precision: 'span', relative, preposition };
    }
  }

  const base = core(rest, anchor, null) ?? recognized(rest, anchor);
  if (!base) return null;
  if (base.relative && !anchor) {
    // "since 2013" keeps its absolute start even without a publication date.
    return unresolved(shown, base.precision, preposition);
  }
  switch (preposition) {
    case 'since':
      return { start: base.start, end: anchor ? iso(anchor) : null, text: shown, precision: 'open', relative: true, preposition };
    case 'by':
    case 'until':
    case 'till':
    case 'through':
      // "by June 13 this year" counts from the start of that year (year to date, as statistics
      // bureaus report); "by 2030" only bounds the end.
      return {
        start: base.precision === 'day' || base.precision === 'month' ? `${base.start!.slice(0, 4)}-01-01` : null,
        end: base.end,
        text: shown,
        precision: 'open',
        relative: base.relative,
        preposition,
      };
    case 'as of':
      return { start: base.end, end: base.end, text: shown, precision: 'day', relative: base.relative, preposition };
    case 'before':
      return { start: null, end: shiftDays(base.start!, -1), text: shown, precision: 'open', relative: base.relative, preposition };
    case 'after':
      return { start: shiftDays(base.end!, 1), end: null, text: shown, precision: 'open', relative: base.relative, preposition };
    default:
      return { ...base, text: shown, preposition };
  }
}

function unresolved(text: string, precision: PeriodPrecision, preposition: string | null): ParsedPeriod {
  return { start: null, end: null, text, precision, relative: true, preposition };
}

function point(anchor: Date | null): { start: string | null; end: string | null } {
  return anchor ? { start: iso(anchor), end: iso(anchor) } : { start: null, end: null };
}

/** Splits "2013 to 2021" / "January and October 2025" / "2016-2020" into its two ends. */
function splitSpan(rest: string, preposition: string | null): [string, string] | null {
  const joiner = preposition === 'between' ? /\s+and\s+/i : preposition === 'from' ? /\s+(?:to|until|till|through)\s+/i : null;
  if (joiner) {
    const parts = rest.split(joiner);
    if (parts.length === 2) return [parts[0]!, parts[1]!];
  }
  const years = new RegExp(String.raw`^(${YEAR})\s*[-–—/]\s*(\d{4}|\d\d)$`, 'u').exec(rest);
  if (years) {
    const second = years[2]!.length === 2 ? `${years[1]!.slice(0, 2)}${years[2]}` : years[2]!;
    return [years[1]!, second];
  }
  const months = new RegExp(String.raw`^(?:the\s+)?(${MONTH})\s*(?:[-–—]|\s+to\s+|\s+through\s+)\s*(${MONTH}.*)$`, 'iu').exec(rest);
  if (months) return [months[1]!, months[2]!];
  return null;
}

interface Core {
  start: string | null;
  end: string | null;
  precision: PeriodPrecision;
  relative: boolean;
  text: string;
  preposition: string | null;
}

/**
 * One period without a leading preposition. `partner` is the other end of a span, whose year a
 * bare month borrows ("January-October 2025").
 */
function core(words: string, anchor: Date | null, partner: string | null): Core | null {
  const w = words.trim().replace(/^the\s+/i, '');
  const make = (start: Date, end: Date, precision: PeriodPrecision, relative: boolean): Core => ({
    start: iso(start), end: iso(end), precision, relative, text: words, preposition: null,
  });
  const relativeUnknown = (precision: PeriodPrecision): Core => ({ start: null, end: null, precision, relative: true, text: words, preposition: null });
  let m: RegExpExecArray | null;

  // A year reference: "2024", "this year", "last year".
  const yearOf = (ref: string): { year: number; relative: boolean } | null => {
    const r = ref.trim().replace(/^of\s+/i, '').replace(/^the\s+/i, '');
    if (/^\d{4}$/.test(r)) return { year: Number(r), relative: false };
    if (/^(?:this|current|same)\s+year$|^year$/i.test(r)) return anchor ? { year: anchor.getUTCFullYear(), relative: true } : { year: NaN, relative: true };
    if (/^(?:last|previous|past)\s+year$/i.test(r)) return anchor ? { year: anchor.getUTCFullYear() - 1, relative: true } : { year: NaN, relative: true };
    if (/^next\s+year$/i.test(r)) return anchor ? { year: anchor.getUTCFullYear() + 1, relative: true } : { year: NaN, relative: true };
    return null;
  };
  const defaultYear = (): { year: number; relative: boolean } => {
    const borrowed = partner ? /\b(\d{4})\b/.exec(partner) ?? /\b((?:this|last|next)\s+year)\b/i.exec(partner) : null;
    if (borrowed) return yearOf(borrowed[1]!) ?? { year: NaN, relative: true };
    return anchor ? { year: anchor.getUTCFullYear(), relative: true } : { year: NaN, relative: true };
  };

  if ((m = /^(\d{4})$/.exec(w))) {
    const year = Number(m[1]);
    return make(utc(year, 1, 1), utc(year, 12, 31), 'year', false);
  }
  if ((m = /^(?:this|last|next|previous|current|past|same)\s+year$/i.exec(w))) {
    const y = yearOf(w)!;
    return Number.isNaN(y.year) ? relativeUnknown('year') : make(utc(y.year, 1, 1), utc(y.year, 12, 31), 'year', true);
  }
  if ((m = /^(?:this|last|next|previous|current|past|same)\s+month$/i.exec(w))) {
    if (!anchor) return relativeUnknown('month');
    const shift = /^(?:last|previous|past)/i.test(w) ? -1 : /^next/i.test(w) ? 1 : 0;
    const first = utc(anchor.getUTCFullYear(), anchor.getUTCMonth() + 1 + shift, 1);
    return make(first, endOfMonth(first), 'month', true);
  }
  if ((m = /^(?:this|last|next|previous|current|past|same)\s+week$/i.exec(w))) {
    if (!anchor) return relativeUnknown('span');
    const shift = /^(?:last|previous|past)/i.test(w) ? -7 : /^next/i.test(w) ? 7 : 0;
    const monday = shiftDate(anchor, -((anchor.getUTCDay() + 6) % 7) + shift);
    return make(monday, shiftDate(monday, 6), 'span', true);
  }
  if ((m = /^(yesterday|today|tomorrow)$/i.exec(w))) {
    if (!anchor) return relativeUnknown('day');
    const d = shiftDate(anchor, { yesterday: -1, today: 0, tomorrow: 1 }[m[1]!.toLowerCase() as 'today']);
    return make(d, d, 'day', true);
  }
  if ((m = new RegExp(String.raw`^(${COUNT})\s+(year|month|week|day)s?\s+ago$`, 'i').exec(w))) {
    if (!anchor) return relativeUnknown('span');
    const n = countOf(m[1]!);
    const unit = m[2]!.toLowerCase();
    if (unit === 'year') {
      const year = anchor.getUTCFullYear() - n;
      return make(utc(year, 1, 1), utc(year, 12, 31), 'year', true);
    }
    if (unit === 'month') {
      const first = utc(anchor.getUTCFullYear(), anchor.getUTCMonth() + 1 - n, 1);
      return make(first, endOfMonth(first), 'month', true);
    }
    const d = shiftDate(anchor, -(unit === 'week' ? 7 * n : n));
    return make(d, d, 'day', true);
  }
  if ((m = new RegExp(String.raw`^(?:past|last|previous)\s+(${COUNT})\s+(year|month|week|day)s$`, 'i').exec(w))) {
    if (!anchor) return relativeUnknown('span');
    const n = countOf(m[1]!);
    const unit = m[2]!.toLowerCase();
    const start =
      unit === 'year' ? utc(anchor.getUTCFullYear() - n, anchor.getUTCMonth() + 1, anchor.getUTCDate())
        : unit === 'month' ? utc(anchor.getUTCFullYear(), anchor.getUTCMonth() + 1 - n, anchor.getUTCDate())
          : shiftDate(anchor, -(unit === 'week' ? 7 * n : n));
    return make(shiftDate(start, 1), anchor, 'span', true);
  }
  if ((m = new RegExp(String.raw`^(?:next|coming)\s+(${COUNT})\s+(year|month|week|day)s$`, 'i').exec(w))) {
    if (!anchor) return relativeUnknown('span');
    const n = countOf(m[1]!);
    const unit = m[2]!.toLowerCase();
    const end =
      unit === 'year' ? utc(anchor.getUTCFullYear() + n, anchor.getUTCMonth() + 1, anchor.getUTCDate())
        : unit === 'month' ? utc(anchor.getUTCFullYear(), anchor.getUTCMonth() + 1 + n, anchor.getUTCDate())
          : shiftDate(anchor, unit === 'week' ? 7 * n : n);
    return make(shiftDate(anchor, 1), end, 'span', true);
  }
  // "first 11 months of this year", "first five months" (of the publication year).
  if ((m = new RegExp(String.raw`^(?:first)\s+(${COUNT})\s+months(?:\s+of\s+(.+))?$`, 'i').exec(w))) {
    const n = countOf(m[1]!);
    const y = m[2] ? yearOf(m[2]) : defaultYear();
    if (!y || n < 1 || n > 12) return null;
    if (Number.isNaN(y.year)) return relativeUnknown('span');
    return make(utc(y.year, 1, 1), endOfMonth(utc(y.year, n, 1)), 'span', y.relative);
  }
  // "first half of 2023", "third quarter of last year", "Q3 2024", "H1 2025".
  if ((m = /^(first|second|third|fourth|1st|2nd|3rd|4th|last)\s+(half|quarter)(?:\s+of\s+(.+)|,?\s+(\d{4}))?$/i.exec(w)) ||
      (m = /^(?:(Q)([1-4])|(H)([12]))\s*(\d{4})$/i.exec(w))) {
    let part: 'half' | 'quarter';
    let index: number;
    let y: { year: number; relative: boolean } | null;
    if (/^[QH]$/i.test(m[1] ?? m[3] ?? '')) {
      part = (m[1] ?? m[3])!.toUpperCase() === 'Q' ? 'quarter' : 'half';
      index = Number(m[2] ?? m[4]);
      y = yearOf(m[5]!);
    } else {
      part = m[2]!.toLowerCase() as 'half' | 'quarter';
      const ordinal = m[1]!.toLowerCase();
      index = ordinal === 'last' ? (part === 'half' ? 2 : 4) : ORDINALS[ordinal]!;
      y = m[3] ? yearOf(m[3]) : m[4] ? yearOf(m[4]) : defaultYear();
    }
    if (!y || (part === 'half' && index > 2)) return null;
    if (Number.isNaN(y.year)) return relativeUnknown('span');
    const months = part === 'half' ? 6 : 3;
    const first = utc(y.year, (index - 1) * months + 1, 1);
    return make(first, endOfMonth(utc(y.year, index * months, 1)), 'span', y.relative);
  }
  // "2022-10-31"
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(w))) {
    const d = utc(Number(m[1]), Number(m[2]), Number(m[3]));
    return validDay(d, Number(m[3])) ? make(d, d, 'day', false) : null;
  }
  // "October 29, 2022", "Sept 14", "June 13 this year"
  if ((m = new RegExp(String.raw`^(${MONTH})\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(.+))?$`, 'iu').exec(w))) {
    return dayOf(monthNumber(m[1]!), Number(m[2]), m[3] ? yearOf(m[3]) : defaultYear());
  }
  // "29 October 2022", "14th of September"
  if ((m = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH})(?:,?\s+(.+))?$`, 'iu').exec(w))) {
    return dayOf(monthNumber(m[2]!), Number(m[1]), m[3] ? yearOf(m[3]) : defaultYear());
  }
  // "February 2024", "March last year", "April", with "early"/"late"/"mid-" read as the whole month.
  if ((m = new RegExp(String.raw`^(?:(?:early|late|mid-?|end\s+of|beginning\s+of)\s*)?(${MONTH})(?:,?\s+(?:of\s+)?(.+))?$`, 'iu').exec(w))) {
    const month = monthNumber(m[1]!);
    const y = m[2] ? yearOf(m[2]) : defaultYear();
    if (!month || !y) return null;
    if (Number.isNaN(y.year)) return relativeUnknown('month');
    const first = utc(y.year, month, 1);
    return make(first, endOfMonth(first), 'month', y.relative);
  }
  // "the end of the year", "the end of 2023": its last day.
  if ((m = /^(?:end|close)\s+of\s+(.+)$/i.exec(w))) {
    const y = yearOf(m[1]!);
    if (!y) return null;
    if (Number.isNaN(y.year)) return relativeUnknown('day');
    return make(utc(y.year, 12, 31), utc(y.year, 12, 31), 'day', y.relative);
  }
  // "early 2025", "mid-2024": the year they sit in.
  if ((m = /^(?:early|late|mid-?|end\s+of|beginning\s+of)\s*(\d{4})$/i.exec(w))) {
    const year = Number(m[1]);
    return make(utc(year, 1, 1), utc(year, 12, 31), 'year', false);
  }
  return null;

  function dayOf(month: number | null, dayNumber: number, y: { year: number; relative: boolean } | null): Core | null {
    if (!month || !y) return null;
    if (Number.isNaN(y.year)) return relativeUnknown('day');
    const d = utc(y.year, month, dayNumber);
    return validDay(d, dayNumber) ? make(d, d, 'day', y.relative) : null;
  }
}

// The recognizer library reads the explicit dates the forms above do not ("31.10.2022",
// "10/29/2022"); only its absolute answers are taken (its relative ones need no help here).
let dateTimeModel: ReturnType<DateTimeRecognizer['getDateTimeModel']> | null = null;

function recognized(words: string, anchor: Date | null): Core | null {
  if (!/\d/.test(words)) return null;
  dateTimeModel ??= new DateTimeRecognizer(Culture.English).getDateTimeModel();
  const results = dateTimeModel.parse(words, anchor ?? new Date(Date.UTC(2000, 0, 1)));
  const best = results.find((r) => r.end + 1 - r.start >= words.trim().length * 0.6);
  const value = (best?.resolution as { values?: Array<Record<string, string>> } | undefined)?.values?.[0];
  if (!value || value.Mod) return null;
  const timex = value.timex ?? '';
  if (value.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(timex)) {
    return { start: timex, end: timex, precision: 'day', relative: false, text: words, preposition: null };
  }
  if (value.type === 'daterange' && value.start && value.end && /^\(?\d{4}/.test(timex)) {
    return { start: value.start, end: shiftDays(value.end, -1), precision: 'span', relative: false, text: words, preposition: null };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates (UTC, so no time zone moves a day)

function utc(year: number, month: number, dayOfMonth: number): Date {
  return new Date(Date.UTC(year, month - 1, dayOfMonth));
}

function day(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return utc(y, m, d);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function endOfMonth(first: Date): Date {
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
}

function shiftDate(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function shiftDays(isoDate: string, days: number): string {
  return iso(shiftDate(day(isoDate), days));
}

function validDay(date: Date, dayNumber: number): boolean {
  return date.getUTCDate() === dayNumber;
}

function monthNumber(word: string): number | null {
  const w = word.trim();
  return MONTHS.find(([, re]) => re.test(w))?.[0] ?? null;
}

function countOf(word: string): number {
  const w = word.toLowerCase();
  return /^\d+$/.test(w) ? Number(w) : (SMALL_NUMBERS[w] ?? NaN);
}
