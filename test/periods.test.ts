// Periods: absolute ones parsed, relative ones resolved from the publication date or left in their
// words without one, and the phrases found in a sentence.
import { describe, expect, it } from 'vitest';
import { findPeriodPhrases, resolvePeriod } from '../src/ingest/periods.ts';

const PUBLISHED = '2025-03-10';
const period = (start: string | null, end: string | null, text: string | null) => ({ start, end, text });

describe('absolute periods', () => {
  it.each([
    ['in 2024', period('2024-01-01', '2024-12-31', '2024')],
    ['January-October 2025', period('2025-01-01', '2025-10-31', 'January-October 2025')],
    ['from January to October 2025', period('2025-01-01', '2025-10-31', 'from January to October 2025')],
    ['the first half of 2023', period('2023-01-01', '2023-06-30', 'the first half of 2023')],
    ['the third quarter of 2024', period('2024-07-01', '2024-09-30', 'the third quarter of 2024')],
    ['Q1 2022', period('2022-01-01', '2022-03-31', 'Q1 2022')],
    ['H2 2021', period('2021-07-01', '2021-12-31', 'H2 2021')],
    ['by 2030', period(null, '2030-12-31', 'by 2030')],
    ['From 2013 to 2021', period('2013-01-01', '2021-12-31', 'From 2013 to 2021')],
    ['between 2016 and 2020', period('2016-01-01', '2020-12-31', 'between 2016 and 2020')],
    ['2016-2020', period('2016-01-01', '2020-12-31', '2016-2020')],
    ['2013–21', period('2013-01-01', '2021-12-31', '2013–21')],
    ['on October 29, 2022', period('2022-10-29', '2022-10-29', 'October 29, 2022')],
    ['29 October 2022', period('2022-10-29', '2022-10-29', '29 October 2022')],
    ['Sept 14, 2022', period('2022-09-14', '2022-09-14', 'Sept 14, 2022')],
    ['February 2024', period('2024-02-01', '2024-02-29', 'February 2024')],
    ['2022-10-31', period('2022-10-31', '2022-10-31', '2022-10-31')],
    ['as of June 30, 2024', period('2024-06-30', '2024-06-30', 'as of June 30, 2024')],
    ['before 2020', period(null, '2019-12-31', 'before 2020')],
  ])('%s', (words, expected) => {
    expect(resolvePeriod(words, PUBLISHED)).toEqual(expected);
    // No publication date is needed for them.
    expect(resolvePeriod(words, null)).toEqual(expected);
  });

  it('reads explicit dates the phrase forms do not know with the date-time recognizer', () => {
    expect(resolvePeriod('31.10.2022', null)).toEqual(period('2022-10-31', '2022-10-31', '31.10.2022'));
  });
});

describe('relative periods with a publication date', () => {
  it.each([
    ['last year', period('2024-01-01', '2024-12-31', 'last year')],
    ['this year', period('2025-01-01', '2025-12-31', 'this year')],
    ['next year', period('2026-01-01', '2026-12-31', 'next year')],
    ['the first 11 months of this year', period('2025-01-01', '2025-11-30', 'the first 11 months of this year')],
    ['in the first five months of last year', period('2024-01-01', '2024-05-31', 'the first five months of last year')],
    ['in January', period('2025-01-01', '2025-01-31', 'January')],
    ['last month', period('2025-02-01', '2025-02-28', 'last month')],
    ['since 2013', period('2013-01-01', PUBLISHED, 'since 2013')],
    ['six months ago', period('2024-09-01', '2024-09-30', 'six months ago')],
    ['two years ago', period('2023-01-01', '2023-12-31', 'two years ago')],
    ['by June 13 this year', period('2025-01-01', '2025-06-13', 'by June 13 this year')],
    ['March last year', period('2024-03-01', '2024-03-31', 'March last year')],
    ['currently', period(PUBLISHED, PUBLISHED, 'currently')],
    ['yesterday', period('2025-03-09', '2025-03-09', 'yesterday')],
    ['over the past five years', period('2020-03-11', PUBLISHED, 'over the past five years')],
    ['between January and October', period('2025-01-01', '2025-10-31', 'between January and October')],
  ])('%s', (words, expected) => {
    expect(resolvePeriod(words, PUBLISHED)).toEqual(expected);
  });

  it('treats a leap year\'s February and month ends right', () => {
    expect(resolvePeriod('the first two months of 2024', null)).toEqual(period('2024-01-01', '2024-02-29', 'the first two months of 2024'));
    expect(resolvePeriod('last month', '2024-03-31')).toEqual(period('2024-02-01', '2024-02-29', 'last month'));
  });
});

describe('relative periods without a publication date', () => {
  it.each(['last year', 'the first 11 months of this year', 'in January', 'last month', 'six months ago', 'March last year', 'currently', 'by June 13 this year'])(
    '%s stays unresolved with its words',
    (words) => {
      const found = resolvePeriod(words, null);
      expect(found.start).toBeNull();
      expect(found.end).toBeNull();
      expect(found.text).toBe(words.replace(/^in /, ''));
    },
  );

  it('keeps the absolute start of "since 2013" and leaves the end open', () => {
    expect(resolvePeriod('since 2013', null)).toEqual(period('2013-01-01', null, 'since 2013'));
  });

  it('keeps words that state no period as text, unresolved', () => {
    expect(resolvePeriod('since its opening', PUBLISHED)).toEqual(period(null, null, 'since its opening'));
    expect(resolvePeriod('  ', PUBLISHED)).toEqual(period(null, null, null));
  });
});

describe('findPeriodPhrases', () => {
  const phrases = (text: string) => findPeriodPhrases(text).map((p) => p.text);

  it('finds each period phrase of a sentence, longest first, with its UTF-16 offsets', () => {
    const text = 'In the first 11 months of this year, the line ran 714 trips, up from 2023, and by June 13 it had carried 5,000 TEU.';
    const found = findPeriodPhrases(text);
    expect(found.map((p) => p.text)).toEqual(['In the first 11 months of this year', 'from 2023', 'by June 13']);
    for (const p of found) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('finds spans, months with years, days and relative phrases', () => {
    expect(phrases('From 2013 to 2021, China grew; in March last year a line opened; on Sept 14, 2022 he came.')).toEqual([
      'From 2013 to 2021', 'in March last year', 'on Sept 14, 2022',
    ]);
    expect(phrases('Six months ago he moved; the plan (2016-2020) ended; it starts next month.')).toEqual([
      'Six months ago', '2016-2020', 'next month',
    ]);
  });

  it('leaves out possessives, lowercase month words and durations that are not calendar periods', () => {
    expect(phrases("before this year's Spring Festival")).toEqual([]);
    expect(phrases('Prices may march higher in may.')).toEqual([]);
    expect(phrases('within the first three months of the alliance')).toEqual([]);
  });
});
