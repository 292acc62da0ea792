// Finds the figures an article states, sentence by sentence: numbers with their units, hedges,
// ranges, before/after pairs, stated conversions, periods, the entities they are about, a guessed
// metric key, and dates of events. Numbers come from @microsoft/recognizers-text (spelled-out
// numbers, scale words, fractions); the rules here add what it misses (TEU, tonnes, trains, tenge,
// "-fold", "bn") and leave out what is no figure (years as dates, times of day, phone numbers,
// ordinals, list and section numbers, numbers inside names).
//
// Decisions:
// - A range ("150,000-160,000 TEU", "between 5 and 6 billion yuan") gives two figures: the lower
//   bound hedged AT_LEAST and the upper bound UP_TO, with the same metric, unit and period.
// - A before/after pair ("from 200 to 600 vehicles") gives two exact figures; the later one takes
//   the sentence's period, the earlier one only a period written right after it.
// - A conversion stated alongside ("19.5 billion yuan ($2.77 billion)", in brackets) is kept on the
//   figure, not as a figure of its own.
// - A fraction of something ("half his life", "one ten-thousandth of the land area") is a share in
//   percent; a fraction before a time unit ("half-year") is that part of the unit.
// - Dates of events become unit "date" claims (db/corpus/FORMAT.md): a day given with "on", or a
//   date in a sentence that says something began, opened, launched, was announced, planned ....
import { NumberRecognizer, Culture as NumberCulture } from '@microsoft/recognizers-text-number';
import { NumberWithUnitRecognizer } from '@microsoft/recognizers-text-number-with-unit';
import type { Hedge, SubjectRole } from '../domain/vocabulary.ts';
import { CONVERSION_UNITS, isOneOf } from '../domain/vocabulary.ts';
import type { EntityRef, FoundFigure, FoundPeriod, Mention } from './extraction.ts';
import { guessMetric } from './metrics.ts';
import { findPeriodPhrases, parsePeriod, type ParsedPeriod } from './periods.ts';
import { codePointIndex, sentenceRanges, spanAt } from './sentences.ts';
import {
  CURRENCY_PREFIX, HIRING, IRREGULAR_PLURALS, countedUnit, currencyOfPrefix, repeatUnit, timeUnit, unitAfter,
  type ReadUnit,
} from './units.ts';

export interface FigureContext {
  /** The article's publication date ('YYYY-MM-DD'), which relative periods are resolved against. */
  publishedOn: string | null;
  /** Entities mentioned in the body (code point offsets), the source of each figure's subjects. */
  mentions: Mention[];
  /** Metric keys already in use, reused when the words around a number fit one. */
  knownMetrics: readonly string[];
}

export function extractFigures(body: string, context: FigureContext): FoundFigure[] {
  const toCodePoint = codePointIndex(body);
  const toUtf16 = utf16Index(body);
  const mentions = context.mentions.map((m) => ({ ...m, from: toUtf16(m.start), to: toUtf16(m.end) }));
  const figures: FoundFigure[] = [];
  for (const [start, end] of sentenceRanges(body)) {
    const sentence = body.slice(start, end);
    if (!/[\p{N}]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|hundred|dozen|half|doubled|tripled|quadrupled|fold|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b|January|February|March|April|May|June|July|August|September|October|November|December/iu.test(sentence)) continue;
    const local = mentions
      .filter((m) => m.from >= start && m.to <= end)
      .map((m) => ({ entity: m.entity, from: m.from - start, to: m.to - start }));
    for (const found of figuresInSentence(sentence, local, context)) {
      figures.push({
        ...found.figure,
        quote: spanAt(body, toCodePoint, start, end),
        figure: spanAt(body, toCodePoint, start + found.from, start + found.to),
      });
    }
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// One sentence

/** A mention inside the sentence, in UTF-16 indices of the sentence. */
interface LocalMention {
  entity: EntityRef;
  from: number;
  to: number;
}

interface Found {
  figure: Omit<FoundFigure, 'quote' | 'figure'>;
  from: number;
  to: number;
}

/** A number in the sentence: [from, to) covers its digits or words and its scale word. */
interface NumberToken {
  from: number;
  to: number;
  value: number;
  spelled: boolean;
  kind: 'number' | 'fraction' | 'multiplier' | 'ordinal';
  /** For an ordinal: the noun it counts repeats of ("visit", "stint"). */
  noun?: string;
}

/** A number read as a figure, before its metric, period and subjects are decided. */
interface Reading {
  token: NumberToken;
  /** The figure span: the number with a currency sign before it. */
  from: number;
  to: number;
  /** Where the unit's words end (for conversions, hedges after and the metric). */
  unitEnd: number;
  value: number;
  unit: ReadUnit | null;
  hedge: Hedge;
  conversion: FoundFigure['conversion'];
  /** The part this number plays in a range or a before/after pair. */
  pair: 'low' | 'high' | 'before' | 'after' | null;
  /** The noun it counts ("trains"), or what marks it ("age"), for the metric. */
  noun: string | null;
  age: boolean;
  /** A compound adjective ("14-day", "half-year") measuring the noun phrase after it. */
  compound: boolean;
  /** The unit is written with the number (a sign, a measure word, a compound), not guessed from a noun. */
  measured: boolean;
  dropped: boolean;
}

function figuresInSentence(sentence: string, mentions: LocalMention[], context: FigureContext): Found[] {
  const periods = findPeriodPhrases(sentence)
    .map((phrase) => ({ ...phrase, parsed: parsePeriod(phrase.text, context.publishedOn) }))
    .filter((p): p is typeof p & { parsed: ParsedPeriod } => p.parsed !== null && !isNumberNotYear(sentence, p));
  // "currently", "now": the time of writing, a period for the figures near them (not a date).
  const present: PeriodInSentence[] = [];
  PRESENT_WORDS.lastIndex = 0;
  for (let m = PRESENT_WORDS.exec(sentence); m; m = PRESENT_WORDS.exec(sentence)) {
    const parsed = parsePeriod(m[0], context.publishedOn);
    if (parsed) present.push({ start: m.index, end: m.index + m[0].length, text: m[0], parsed });
  }
  const figurePeriods = [...periods, ...present];
  const masks = maskedRanges(sentence, periods);
  const readings = readNumbers(sentence, masks);
  // A number inside a name ("Line 1 Logistics") is part of it, unless the name itself states a
  // measure ("the 14-day visa exemption").
  for (const reading of readings) {
    if (!reading.measured && mentions.some((m) => reading.token.from < m.to && m.from < reading.token.to)) reading.dropped = true;
  }

  const found: Found[] = [];
  const metricOf = new Map<Reading, string>();
  // Both figures of a range or a before/after pair measure the same thing: the first one names it.
  const metricFor = (reading: Reading): string => {
    const partner = reading.pair === 'high' || reading.pair === 'after' ? readings[readings.indexOf(reading) - 1] : undefined;
    if (partner && metricOf.has(partner)) return metricOf.get(partner)!;
    const metric = guessMetric(
      {
        sentence, from: reading.from, to: reading.to, unitEnd: reading.unitEnd, unit: reading.unit!.unit, noun: reading.noun,
        age: reading.age, ordinal: reading.token.kind === 'ordinal', compound: reading.compound, mentions,
      },
      context.knownMetrics,
    );
    metricOf.set(reading, metric);
    return metric;
  };
  for (const reading of readings) {
    if (reading.dropped || !reading.unit) continue;
    const period = reading.pair === 'before' ? periodRightAfter(sentence, reading, periods) : periodFor(sentence, reading, figurePeriods, context.publishedOn);
    const unit = reading.unit;
    found.push({
      from: reading.from,
      to: reading.to,
      figure: {
        value: round(reading.value),
        unit: unit.unit,
        unitText: unit.unit === 'other' ? unit.unitText : null,
        hedge: reading.hedge,
        period,
        conversion: reading.conversion,
        metric: metricFor(reading),
        subjects: subjectsFor(sentence, reading.from, reading.to, mentions),
      },
    });
  }
  for (const dated of eventDates(sentence, periods)) {
    found.push({
      from: dated.start,
      to: dated.end,
      figure: {
        value: null,
        unit: 'date',
        unitText: null,
        hedge: 'exact',
        period: { start: dated.parsed.start, end: dated.parsed.end, text: dated.parsed.text },
        conversion: null,
        metric: dated.metric,
        subjects: subjectsFor(sentence, dated.start, dated.end, mentions),
      },
    });
  }
  return found.sort((a, b) => a.from - b.from);
}

/** The text just before `at`: the rules look back a few words, never over a whole long sentence. */
function lookBehind(sentence: string, at: number, length = 80): string {
  return sentence.slice(Math.max(0, at - length), at);
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}

// ---------------------------------------------------------------------------------------------
// What is not a figure

type Range = [number, number];

/** A bare year that counts something ("more than 2000 people") is a number, not a period. */
function isNumberNotYear(sentence: string, phrase: { start: number; end: number; text: string }): boolean {
  if (!/^\d{4}$/.test(phrase.text)) return false;
  const before = sentence.slice(Math.max(0, phrase.start - 30), phrase.start);
  // "the 2024 results": a year used as an adjective.
  if (/\b(?:the|its|their|this|that|these|those|a|an|his|her|our)\s+$/i.test(before)) return false;
  if (HEDGE_BEFORE.some(([re]) => re.test(before)) || CURRENCY_PREFIX.test(before)) return true;
  const after = sentence.slice(phrase.end);
  if (unitAfter(after)) return true;
  const next = /^\s+([\p{Ll}][\p{L}-]*)/u.exec(after)?.[1];
  return next !== undefined && (countedUnit(next) !== null || /s$/.test(next)) && !/^(?:and|or|to|was|were|is|are|has|had)$/.test(next);
}

function maskedRanges(sentence: string, periods: Array<{ start: number; end: number }>): Range[] {
  const masks: Range[] = periods.map((p) => [p.start, p.end]);
  const add = (re: RegExp, keep?: (m: RegExpExecArray) => boolean) => {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      if (!keep || keep(m)) masks.push([m.index, m.index + m[0].length]);
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  // Times of day: "10:23", "9 a.m.", "11:04".
  add(/(?<![\p{N}])\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?![\p{N}])/giu);
  add(/(?<![\p{N}.,])\d{1,2}\s?(?:a\.m\.|p\.m\.|am\b|pm\b)/giu);
  // Phone numbers: groups of digits split by spaces, dots or dashes, seven digits or more.
  add(/(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}/g, (m) => (m[0].match(/\d/g)?.length ?? 0) >= 7 && !/,/.test(m[0]) && /[\s.-]\d/.test(m[0]));
  // Ordinals ("20th", "1st") and numbers inside codes and names ("G7", "5G", "GTS-2", "COVID-19", "A320").
  add(/(?<![\p{L}\p{N}])\d+(?:st|nd|rd|th)(?![\p{L}])/giu);
  add(/(?<![\p{L}\p{N}$])(?!(?:RMB|USD|EUR|RUB|KZT|CNY|US)\d)[\p{L}]+-?\d[\p{L}\p{N}]*/gu);
  add(/(?<![\p{L}\p{N}.,])\d+[\p{L}][\p{L}\p{N}]*/gu, (m) => !/^\d+(?:bn|bln|mn|mln|m|k|tn|km|kg|t|mt|ha|teus?|fold|pct)$/i.test(m[0]));
  // Labels and numbered names: "No. 3", "Line 1", "Phase 2", "Section 4", "#5", list markers.
  add(/(?:\b(?:No|Nos|Nr|Art|Sec|Vol|Fig|p|pp)\.\s?|#\s?|\b(?:Number|Article|Section|Chapter|Part|Item|Page|Line|Phase|Gate|Platform|Block|Building|Room|Lot|Stage|Level|Grade|Class|Model|Version|Batch|Round|Track|Berth|Pier|Dock|Terminal|Highway|Road|Route|Street|Avenue|Hall|Zone|Area|District|Unit|Plant|Site|Team|Group)\s)\d+[A-Za-z]?\b/g);
  add(/^\s*\(?\d{1,2}[.)]\s/g);
  return masks;
}

function overlaps(masks: Range[], from: number, to: number): boolean {
  return masks.some(([a, b]) => from < b && a < to);
}

// ---------------------------------------------------------------------------------------------
// Numbers

const recognizers = {
  number: null as ReturnType<NumberRecognizer['getNumberModel']> | null,
  currency: null as ReturnType<NumberWithUnitRecognizer['getCurrencyModel']> | null,
  dimension: null as ReturnType<NumberWithUnitRecognizer['getDimensionModel']> | null,
};

function models() {
  if (!recognizers.number) {
    recognizers.number = new NumberRecognizer(NumberCulture.English).getNumberModel();
    const withUnit = new NumberWithUnitRecognizer(NumberCulture.English);
    recognizers.currency = withUnit.getCurrencyModel();
    recognizers.dimension = withUnit.getDimensionModel();
  }
  return recognizers as { [K in keyof typeof recognizers]: NonNullable<(typeof recognizers)[K]> };
}

const SCALES: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, mln: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bn: 1e9, bln: 1e9, trillion: 1e12, tn: 1e12,
};
const SCALE_AFTER = /^\s?(thousand|million|mln|mn|billion|bln|bn|trillion|tn)\b|^(k|m)\b/i;

const FRACTION_DENOMINATORS: Record<string, number> = {
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fifth: 5, fifths: 5, sixth: 6, sixths: 6,
  seventh: 7, sevenths: 7, eighth: 8, eighths: 8, ninth: 9, ninths: 9, tenth: 10, tenths: 10, hundredth: 100,
  hundredths: 100, thousandth: 1000, thousandths: 1000, 'ten-thousandth': 10000, 'ten-thousandths': 10000,
  'ten thousandth': 10000, millionth: 1e6, millionths: 1e6,
};
const SMALL: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const FRACTION = /(?<![\p{L}\p{N}-])(?:(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)[\s-]+)?(half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|hundredths?|ten[\s-]thousandths?|thousandths?|millionths?)(?![\p{L}])/giu;
const ORDINAL_VALUES: Record<string, number> = {
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
};
const MULTIPLIER_WORDS: Record<string, number> = {
  doubled: 2, doubling: 2, doubles: 2, tripled: 3, trebled: 3, tripling: 3, triples: 3, quadrupled: 4, quadrupling: 4,
  twofold: 2, threefold: 3, fourfold: 4, fivefold: 5, sixfold: 6, sevenfold: 7, eightfold: 8, ninefold: 9, tenfold: 10,
  hundredfold: 100,
};

function numberTokens(sentence: string, masks: Range[]): NumberToken[] {
  const tokens: NumberToken[] = [];
  const taken = (from: number, to: number) => overlaps(masks, from, to) || tokens.some((t) => from < t.to && t.from < to);

  // Fractions first: the recognizer splits "one ten-thousandth" into "one", "ten" and an ordinal.
  FRACTION.lastIndex = 0;
  for (let m = FRACTION.exec(sentence); m; m = FRACTION.exec(sentence)) {
    const denominator = FRACTION_DENOMINATORS[m[2]!.toLowerCase().replace(/\s+/, ' ').replace('ten thousandth', 'ten-thousandth')];
    if (!denominator) continue;
    const numeratorWord = m[1]?.toLowerCase();
    // "a third" and "one ten-thousandth" are fractions; "the third" and "third" alone are ordinals.
    if (denominator !== 2 && !numeratorWord) continue;
    const numerator = numeratorWord ? (SMALL[numeratorWord] ?? Number(numeratorWord)) : 1;
    if (!Number.isFinite(numerator) || numerator >= denominator) continue;
    const from = m.index;
    const to = m.index + m[0].length;
    if (taken(from, to)) continue;
    tokens.push({ from, to, value: numerator / denominator, spelled: true, kind: 'fraction' });
  }

  for (const [word, value] of Object.entries(MULTIPLIER_WORDS)) {
    const re = new RegExp(String.raw`(?<![\p{L}])${word}(?![\p{L}])`, 'giu');
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      if (!taken(m.index, m.index + m[0].length)) tokens.push({ from: m.index, to: m.index + m[0].length, value, spelled: true, kind: 'multiplier' });
    }
  }

  // The recognizer: digits, spelled-out numbers, scale words ("43.8 billion", "four", "120 mln").
  for (const result of models().number.parse(sentence)) {
    let from = result.start;
    let to = result.end + 1;
    if (sentence.slice(from, to).toLowerCase() !== result.text.toLowerCase()) {
      const at = sentence.toLowerCase().indexOf(result.text.toLowerCase(), Math.max(0, from - 5));
      if (at < 0) continue;
      from = at;
      to = at + result.text.length;
    }
    const text = sentence.slice(from, to);
    const spelled = !/\d/.test(text);
    let value = Number((result.resolution as { value?: string } | undefined)?.value);
    if (!spelled) {
      // Digits are read here, so "3.5bn" and "5G" come out the same way every time.
      const read = readDigits(text);
      if (read === null) continue;
      value = read;
    }
    if (!Number.isFinite(value) || taken(from, to)) continue;
    tokens.push({ from, to, value, spelled, kind: 'number' });
  }

  // "my fifth visit", "his second stint": an ordinal of repeats counts them. Other ordinals
  // ("the third port", "the 20th congress") rank rather than count.
  const ORDINAL = /(?<![\p{L}])(?:my|his|her|its|their|our|your)\s+(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:nd|rd|th))\s+(?:consecutive\s+|straight\s+)?(\p{L}+)/giu;
  for (let m = ORDINAL.exec(sentence); m; m = ORDINAL.exec(sentence)) {
    const value = ORDINAL_VALUES[m[1]!.toLowerCase()] ?? parseInt(m[1]!, 10);
    const from = m.index + m[0].indexOf(m[1]!);
    const to = from + m[1]!.length;
    if (!repeatUnit(m[2]!) || !Number.isFinite(value) || overlaps(masks.filter(([a, b]) => !/^\d+(?:nd|rd|th)$/.test(sentence.slice(a, b))), from, to)) continue;
    tokens.push({ from, to, value, spelled: true, kind: 'ordinal', noun: m[2]! });
  }

  // Digits the recognizer left out ("3.5bn yuan").
  const DIGITS = /(?<![\p{L}\p{N}.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{N}])|(?<![\p{L}\p{N}.,])\d+(?:\.\d+)?(?![\p{N}]|[.,]\d)/gu;
  for (let m = DIGITS.exec(sentence); m; m = DIGITS.exec(sentence)) {
    const from = m.index;
    const to = m.index + m[0].length;
    if (taken(from, to)) continue;
    tokens.push({ from, to, value: Number(m[0].replace(/,/g, '')), spelled: false, kind: 'number' });
  }

  // Scale words written after the digits ("1.2bn", "3.5 billion" when split).
  for (const token of tokens) {
    if (token.kind !== 'number' || token.spelled || /[a-z]$/i.test(sentence.slice(token.from, token.to))) continue;
    const m = SCALE_AFTER.exec(sentence.slice(token.to));
    if (!m) continue;
    const word = (m[1] ?? m[2])!.toLowerCase();
    // A bare "m" is million only after a currency sign ("$5m"); elsewhere it is metres.
    // A bare "m" or "k" is a scale only after a currency sign ("$5m") or before a unit ("1.5m
    // tonnes"); elsewhere "m" is metres.
    if ((word === 'm' || word === 'k') && !CURRENCY_PREFIX.test(lookBehind(sentence, token.from))) {
      const rest = sentence.slice(token.to + m[0].length);
      const next = /^\s+([\p{L}]+)/u.exec(rest)?.[1];
      if (!unitAfter(rest) && !(next && countedUnit(next))) continue;
    }
    token.value *= SCALES[word]!;
    token.to += m[0].length;
  }
  return tokens.sort((a, b) => a.from - b.from);
}

/** The value of "655,000", "43.8 billion", "3.5bn", "120 mln"; null for what is no plain number. */
function readDigits(text: string): number | null {
  const m = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s?(thousand|million|mln|mn|billion|bln|bn|trillion|tn)?$/i.exec(text.trim());
  if (!m) return null;
  const base = Number(m[1]!.replace(/,/g, ''));
  return m[2] ? base * SCALES[m[2].toLowerCase()]! : base;
}

// ---------------------------------------------------------------------------------------------
// Reading numbers as figures: unit, hedge, pairs, conversions

const HEDGE_BEFORE: Array<[RegExp, Hedge]> = [
  [/(?:^|[^\p{L}])(?:no more than|not more than|at most|up to|as many as|as much as|a maximum of|maximum of)\s*$/iu, 'up_to'],
  [/(?:^|[^\p{L}])within(?:\s+the\s+(?:first|next|past|last))?\s*$/iu, 'up_to'],
  [/(?:^|[^\p{L}])(?:at least|no less than|not less than|no fewer than|a minimum of|minimum of)\s*$/iu, 'at_least'],
  [/(?:^|[^\p{L}])(?:just under|just below|just shy of|nearly|almost|close to|approaching|getting on for)\s*$/iu, 'nearly'],
  [/(?:^|[^\p{L}])(?:more than|over|above|in excess of|upwards of|greater than|higher than|exceed(?:ed|ing|s)?|surpass(?:ed|es|ing)?|top(?:ped|s|ping)|beyond)\s*$/iu, 'more_than'],
  [/(?:^|[^\p{L}])(?:less than|fewer than|under|below|lower than)\s*$/iu, 'less_than'],
  [/(?:^|[^\p{L}])(?:about|around|approximately|approx\.|roughly|some|an estimated|estimated at|circa|ca\.)\s*$/iu, 'about'],
];
const HEDGE_AFTER: Array<[RegExp, Hedge]> = [
  [/^\s*(?:or|and)\s+(?:more|above|over)\b/i, 'at_least'],
  [/^(?:-?plus\b|\+)/i, 'more_than'],
  [/^\s*(?:or so|-odd)\b/i, 'about'],
  [/^\s*or\s+(?:less|fewer)\b/i, 'up_to'],
];

function hedgeBefore(before: string): Hedge | null {
  return HEDGE_BEFORE.find(([re]) => re.test(before))?.[1] ?? null;
}

function readNumbers(sentence: string, masks: Range[]): Reading[] {
  const tokens = numberTokens(sentence, masks);
  const readings = tokens.map((token) => readOne(sentence, token));
  pairUp(sentence, readings);
  attachConversions(sentence, readings);
  for (const reading of readings) inheritUnit(sentence, reading, readings);
  return readings;
}

function readOne(sentence: string, token: NumberToken): Reading {
  const reading: Reading = {
    token, from: token.from, to: token.to, unitEnd: token.to, value: token.value, unit: null, hedge: 'exact',
    conversion: null, pair: null, noun: null, age: false, compound: false, measured: false, dropped: false,
  };
  const before = lookBehind(sentence, token.from);

  // A currency sign or code before the number.
  const prefix = CURRENCY_PREFIX.exec(before);
  if (prefix && token.kind === 'number') {
    const unit = currencyOfPrefix(prefix[0]);
    if (unit) {
      reading.unit = unit;
      reading.from = token.from - prefix[0].length;
    }
  }
  if (token.kind === 'ordinal') {
    // read below, after the hedge-free checks
  } else if (token.kind === 'multiplier') {
    reading.unit = { unit: 'times', unitText: null };
  } else if (token.kind === 'fraction') {
    readFraction(sentence, reading);
  } else if (!reading.unit) {
    readUnitAfter(sentence, reading);
  } else {
    // "$200 million dollars" is rare; the scale word is already in the number.
    reading.unitEnd = token.to;
  }
  // "plan to hire 10 more": the verb says what is counted.
  if (!reading.unit && HIRING.test(before) && Number.isInteger(token.value)) {
    reading.unit = { unit: 'person', unitText: null };
    reading.noun = 'hires';
  }
  if (token.kind === 'ordinal') {
    reading.unit = { unit: repeatUnit(token.noun!)!, unitText: null };
    reading.noun = token.noun!;
    reading.unitEnd = sentence.indexOf(token.noun!, token.to) + token.noun!.length;
  }

  // Counted nouns, hires and ordinals are read from the words around; everything else was written as a unit.
  reading.measured = reading.unit !== null && reading.noun === null && token.kind !== 'ordinal';

  // Hedges: the words before the figure, else after it ("5,000-plus", "or more").
  reading.hedge = hedgeBefore(sentence.slice(Math.max(0, reading.from - 40), reading.from)) ??
    HEDGE_AFTER.find(([re]) => re.test(sentence.slice(reading.unitEnd)))?.[1] ?? 'exact';

  dropNonFigures(sentence, reading);
  return reading;
}

/** "half his life" is 50 percent; "a half-year tenure" is 0.5 year. */
function readFraction(sentence: string, reading: Reading): void {
  const after = sentence.slice(reading.token.to);
  const compound = /^-(year|month|week|day|hour)s?\b/i.exec(after);
  if (compound) {
    reading.unit = { unit: timeUnit(compound[1]!)!, unitText: null };
    reading.unitEnd = reading.token.to + compound[0].length;
    reading.compound = true;
    return;
  }
  const time = /^\s+(?:an?\s+)?(year|month|week|day|hour)s?\b/i.exec(after);
  if (time) {
    reading.unit = { unit: timeUnit(time[1]!)!, unitText: null };
    reading.unitEnd = reading.token.to + time[0].length;
    return;
  }
  // A share of something: "of the national total", "his life", "the region's land area"; a
  // change by a fraction ("slid by a fifth").
  const change = /\bby\s+$/i.test(lookBehind(sentence, reading.token.from));
  if (/^\s+(?:of\b|(?:his|her|its|their|our|my|your|the|all)\b)/i.test(after) || change) {
    reading.value = reading.token.value * 100;
    reading.unit = { unit: 'percent', unitText: null };
    reading.noun = change ? null : 'share';
  }
}

const STOP_WORDS = new Set([
  'of', 'in', 'on', 'at', 'to', 'from', 'by', 'for', 'with', 'via', 'through', 'into', 'onto', 'over', 'under',
  'between', 'among', 'than', 'per', 'and', 'or', 'as', 'that', 'which', 'who', 'whom', 'whose', 'were', 'was',
  'is', 'are', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might',
  'should', 'must', 'do', 'does', 'did', 'the', 'a', 'an', 'this', 'these', 'those', 'it', 'its', 'their', 'his',
  'her', 'our', 'my', 'your', 'each', 'every', 'last', 'next', 'compared', 'respectively', 'more', 'less',
  'fewer', 'while', 'when', 'where', 'whereas', 'after', 'before', 'since', 'during', 'until', 'up', 'down',
  'so', 'such', 'also', 'only', 'just', 'including', 'according', 'year-on-year', 'yoy', 'annually', 'each',
  'then', 'there', 'here', 'now', 'currently', 'still', 'already', 'new', 'additional', 'other', 'ago',
  'earlier', 'later', 'if', 'but', 'not', 'no', 'yet', 'against', 'versus', 'vs', 'about', 'around', 'nearly',
  'almost', 'out', 'off', 'away', 'back', 'both', 'all', 'any', 'some', 'many', 'much', 'most', 'few',
]);

/** The unit in the words after the number: a measure, a time, a counted noun. */
function readUnitAfter(sentence: string, reading: Reading): void {
  const at = reading.token.to;
  const after = sentence.slice(at);
  const measure = unitAfter(after);
  if (measure) {
    reading.unit = { unit: measure.unit, unitText: measure.unitText };
    reading.unitEnd = at + measure.length;
    reading.age = /(?:-|\s)old$/i.test(after.slice(0, measure.length));
    return;
  }
  // Compounds: "14-day visa exemption", "48-hour delivery", "a 10-km stretch".
  const compound = /^-(year|month|week|day|hour|km|kilometre|kilometer|tonne|ton)s?\b/i.exec(after);
  if (compound) {
    const word = compound[1]!.toLowerCase();
    reading.unit = { unit: timeUnit(word) ?? (word.startsWith('ton') ? 'tonne' : 'km'), unitText: null };
    reading.unitEnd = at + compound[0].length;
    reading.compound = true;
    return;
  }
  // "aged 45"; "Li Wei, 38, a customs officer": an age in apposition to a name.
  const apposition = /[\p{Lu}][\p{L}'’-]+,\s$/u.test(lookBehind(sentence, reading.token.from)) && /^,\s/.test(after) &&
    Number.isInteger(reading.token.value) && reading.token.value > 0 && reading.token.value < 120 && !reading.token.spelled;
  if (/\baged\s+$/i.test(lookBehind(sentence, reading.token.from)) || apposition) {
    reading.unit = { unit: 'year', unitText: null };
    reading.age = true;
    return;
  }
  // What the recognizer reads as a dimension ("300 kilograms", "5 MW") the lexicon does not know.
  const dimension = models().dimension.parse(sentence.slice(reading.token.from, Math.min(sentence.length, at + 30)));
  const dim = dimension.find((d) => d.start === 0);
  if (dim && dim.end + 1 > reading.token.to - reading.token.from) {
    const word = dim.text.slice(reading.token.to - reading.token.from).trim();
    if (word && /^[\p{L}]/u.test(word)) {
      reading.unit = { unit: 'other', unitText: sentence.slice(at, reading.token.from + dim.end + 1).trim() };
      reading.unitEnd = reading.token.from + dim.end + 1;
      return;
    }
  }
  // Currencies the lexicon does not name ("5 million won").
  const currency = models().currency.parse(sentence.slice(reading.token.from, Math.min(sentence.length, at + 30)));
  const cur = currency.find((c) => c.start === 0 && c.end + 1 > reading.token.to - reading.token.from);
  if (cur) {
    const word = cur.text.slice(reading.token.to - reading.token.from).trim();
    const iso = (cur.resolution as { isoCurrency?: string } | undefined)?.isoCurrency;
    if (word && /^[\p{L}]/u.test(word) && !/^cents?$/i.test(word)) {
      reading.unit = iso && isOneOf(CONVERSION_UNITS, iso) ? { unit: iso, unitText: null } : { unit: 'other', unitText: sentence.slice(at, reading.token.from + cur.end + 1).trim() };
      reading.unitEnd = reading.token.from + cur.end + 1;
      return;
    }
  }
  counted(sentence, reading);
  if (!reading.unit) countedBySubject(sentence, reading);
}

/** "the number of container trains ... reached 8,500": the unit is the noun the subject counts. */
function countedBySubject(sentence: string, reading: Reading): void {
  const before = lookBehind(sentence, reading.token.from, 200);
  const m = /\b(?:the\s+)?(?:number|total number|count|total)\s+of\s+/gi;
  let last: RegExpExecArray | null = null;
  for (let found = m.exec(before); found; found = m.exec(before)) last = found;
  if (!last) return;
  const verb = before.slice(last.index + last[0].length);
  if (!/\b(?:reached|stood at|totaled|totalled|was|were|hit|exceeded|rose to|grew to|increased to|fell to|dropped to|amounted to|came to|is|are)\s+(?:(?:more than|over|about|nearly|almost|around|some|at least|up to|approximately)\s+)?$/i.test(verb)) return;
  const probe: Reading = { ...reading, token: { ...reading.token, to: last.index + last[0].length - 1 } };
  counted(sentence, probe);
  if (!probe.unit) return;
  reading.unit = probe.unit;
  reading.noun = probe.noun;
}

/** The noun the number counts: the head of the noun phrase after it ("5,000 freight trains"). */
function counted(sentence: string, reading: Reading): void {
  let words = wordsAfter(sentence, reading.token.to, 7);
  // "three of my children", "two of the ports"
  if (words[0]?.word.toLowerCase() === 'of' && /^(?:my|his|her|its|their|our|your|the|these|those)$/i.test(words[1]?.word ?? '')) {
    words = words.slice(2);
  }
  // A time unit right after the number is the unit ("6 hours five years ago").
  if (words[0] && timeUnit(words[0].word) && words[0].from - reading.token.to <= 1) {
    reading.unit = { unit: timeUnit(words[0].word)!, unitText: null };
    reading.unitEnd = words[0].end;
    reading.measured = true;
    return;
  }
  const phrase: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lower = w.word.toLowerCase();
    // Another number starts another figure.
    if (STOP_WORDS.has(lower) || /^\d|^(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)$/i.test(lower)) break;
    // A past participle ends the noun phrase ("5,000 trains handled") unless a noun follows it
    // ("200 refrigerated containers").
    if (/ed$/.test(lower) && phrase.length > 0 && !(words[i + 1] && countedUnit(words[i + 1]!.word))) break;
    phrase.push(w);
  }
  if (phrase.length === 0) return;
  const known = [...phrase].reverse().find((w) => countedUnit(w.word) !== null);
  if (known) {
    reading.unit = { unit: countedUnit(known.word)!, unitText: null };
    reading.unitEnd = known.end;
    reading.noun = known.word.toLowerCase();
    return;
  }
  const head = phrase[phrase.length - 1]!;
  const lower = head.word.toLowerCase();
  // A counted noun is a common noun, plural unless the number is one; "-ing" words and names are not.
  const plural = (/[^s]s$/.test(lower) && !/(?:ss|us|is)$/.test(lower)) || IRREGULAR_PLURALS.has(lower);
  if (!/^[\p{Ll}]/u.test(head.word) || /ing$/.test(lower) || (reading.value !== 1 && !plural)) return;
  reading.unit = { unit: 'other', unitText: lower };
  reading.unitEnd = head.end;
  reading.noun = lower;
}

interface Word {
  word: string;
  from: number;
  end: number;
}

/** Up to `max` words after `at`, stopping at punctuation; a bracketed aside is skipped. */
function wordsAfter(sentence: string, at: number, max: number): Word[] {
  const words: Word[] = [];
  let i = at;
  while (words.length < max && i < sentence.length) {
    const rest = sentence.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    if (rest[0] === '(') {
      const close = sentence.slice(i, i + 61).indexOf(')');
      if (close < 0) break;
      i += close + 1;
      continue;
    }
    const word = /^[\p{L}\p{N}](?:[\p{L}\p{N}'’-]*[\p{L}\p{N}])?/u.exec(rest);
    if (!word) break;
    words.push({ word: word[0], from: i, end: i + word[0].length });
    i += word[0].length;
  }
  return words;
}

/** Leaves out numbers that are references or names rather than figures. */
function dropNonFigures(sentence: string, reading: Reading): void {
  const token = reading.token;
  const text = sentence.slice(token.from, token.to).toLowerCase();
  const before = lookBehind(sentence, reading.from);
  // "the two countries", "these three ports": a known set, not a count.
  if (token.spelled && token.kind === 'number' && /(?:^|\s)(?:the|these|those|both)\s+$/i.test(before)) reading.dropped = true;
  // "one of", "one day", "a ...": only a measure or time makes "one" a figure.
  if (token.spelled && token.kind === 'number' && token.value === 1 && /^(?:one|a|an)$/.test(text)) {
    const measure = reading.unit && !['person', 'organisation', 'project', 'route', 'visit', 'other', 'vehicle', 'train', 'trip', 'container', 'wagon'].includes(reading.unit.unit);
    if (!measure) reading.dropped = true;
  }
  // A number right after a capitalised word, with no measure after it, is part of a name ("Line 1").
  const previous = /([\p{Lu}][\p{L}]*)\s+$/u.exec(before);
  if (previous && !token.spelled && previous.index > 0 && !CURRENCY_PREFIX.test(before) && !/^(?:In|On|By|Since|Over|About|Some|Nearly|Almost|And|Of|To|From|With|For|At|Than|The|Only|Just|Around|Up|Under|Below|Above|More|Less|Approximately|Roughly|About)$/.test(previous[1]!)) {
    const measured = reading.unit && reading.unit.unit !== 'other' && reading.unitEnd > token.to && !countedUnit(reading.noun ?? '');
    if (!measured && !isMonthWord(previous[1]!)) reading.dropped = true;
  }
}

function isMonthWord(word: string): boolean {
  return /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/.test(word);
}

/** Ranges ("150,000-160,000 TEU", "between 5 and 6 billion") and before/after pairs ("from 200 to 600"). */
function pairUp(sentence: string, readings: Reading[]): void {
  for (let i = 0; i + 1 < readings.length; i++) {
    const a = readings[i]!;
    const b = readings[i + 1]!;
    if (a.dropped || b.dropped || a.token.kind !== 'number' || b.token.kind !== 'number') continue;
    const between = sentence.slice(a.unit && a.unitEnd > a.token.to ? a.unitEnd : a.token.to, b.from);
    const before = sentence.slice(Math.max(0, a.from - 30), a.from);
    const dash = /^\s*[-–—]\s*$/.test(between) || /^\s*to\s*$/i.test(between);
    const fromTo = /\bfrom\s*$/i.test(before) && /^\s*to\s*$/i.test(between);
    const betweenAnd = /\bbetween\s*$/i.test(before) && /^\s*and\s*$/i.test(between);
    if (!dash && !betweenAnd) continue;
    // Both ends share the unit and the scale word written once ("5-6 billion yuan", "$5-6 billion");
    // two different units are two figures ("grew 5.5 percent to 1.2 million tonnes").
    if (a.unit && b.unit && (a.unit.unit !== b.unit.unit || a.unit.unitText !== b.unit.unitText)) continue;
    const unit = b.unit ?? a.unit;
    if (!unit) continue;
    if (!a.unit || a.unitEnd === a.token.to) {
      a.unit = unit;
    }
    if (!b.unit) b.unit = unit;
    const scaleOfB = b.token.value / (readDigits(sentence.slice(b.token.from, b.token.to).replace(/\s?(?:thousand|million|mln|mn|billion|bln|bn|trillion|tn)$/i, '')) ?? b.token.value);
    if (scaleOfB > 1 && a.value < b.value / scaleOfB * 1.0001 && a.value * scaleOfB <= b.value) a.value *= scaleOfB;
    a.noun ??= b.noun;
    b.noun ??= a.noun;
    if (fromTo && !/\brang(?:e|es|ed|ing)\s+from\s*$/i.test(before)) {
      a.pair = 'before';
      b.pair = 'after';
    } else if (a.value < b.value) {
      a.pair = 'low';
      b.pair = 'high';
      a.hedge = 'at_least';
      if (b.hedge === 'exact') b.hedge = 'up_to';
    }
    a.dropped = false;
    b.dropped = false;
    i++;
  }
}

/** "19.5 billion yuan ($2.77 billion)", "100 mu (about 6.67 hectares)": the bracketed figure is a conversion. */
function attachConversions(sentence: string, readings: Reading[]): void {
  for (let i = 0; i + 1 < readings.length; i++) {
    const a = readings[i]!;
    const b = readings[i + 1]!;
    if (a.dropped || !a.unit || !b.unit || a.unit.unit === b.unit.unit) continue;
    const between = sentence.slice(a.unitEnd, b.from);
    const m = /^\s*\(\s*(?:or\s+|equivalent\s+to\s+|worth\s+)?([\p{L} ]*?)\s*$/iu.exec(between);
    if (!m || !/^\s*\)/.test(sentence.slice(b.unitEnd)) || !isOneOf(CONVERSION_UNITS, b.unit.unit)) continue;
    if (m[1] && !hedgeBefore(m[1])) continue;
    // A conversion is as hedged as its figure unless the brackets hedge it themselves.
    a.conversion = { value: round(b.value), unit: b.unit.unit, hedge: m[1] ? b.hedge : a.hedge };
    b.dropped = true;
  }
}

/** A bare number in a comparison takes the unit of the figure it is compared with ("up from 200"). */
function inheritUnit(sentence: string, reading: Reading, readings: Reading[]): void {
  if (reading.unit || reading.dropped || reading.token.kind !== 'number') return;
  const before = sentence.slice(Math.max(0, reading.from - 30), reading.from);
  if (!/\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?|than)\s*$/i.test(before)) return;
  const previous = readings.filter((r) => r.to <= reading.from && r.unit && !r.dropped).pop();
  if (!previous) return;
  reading.unit = previous.unit;
  reading.noun = previous.noun;
}

// ---------------------------------------------------------------------------------------------
// Periods

type PeriodInSentence = { start: number; end: number; text: string; parsed: ParsedPeriod };

const PRESENT_WORDS = /(?<![\p{L}])(?:currently|now|at present|at the moment|to date|so far)(?![\p{L}])/giu;

function asFound(parsed: ParsedPeriod): FoundPeriod | null {
  if (parsed.start === null && parsed.end === null && parsed.text === null) return null;
  return { start: parsed.start, end: parsed.end, text: parsed.text };
}

/** The period nearest the figure in its sentence; else the time of writing when the sentence says so. */
function periodFor(sentence: string, reading: Reading, periods: PeriodInSentence[], publishedOn: string | null): FoundPeriod | null {
  // An age is stated as of writing, whatever else the sentence dates.
  if (reading.age) return publishedOn ? { start: publishedOn, end: publishedOn, text: null } : null;
  const candidates = periods;
  // Nearest first; a period after the figure across a clause break ("... 1,200 people and plans
  // to expand by 2027") belongs to the other clause.
  const distance = (p: { start: number; end: number }) => {
    const gap = p.end <= reading.from ? sentence.slice(p.end, reading.from) : p.start >= reading.to ? sentence.slice(reading.unitEnd, p.start) : '';
    const crossesClause = /;|,\s+(?:and|but|while|whereas)\b|\s(?:and|but)\s+(?:plans?|will|is|are|was|were|has|have|had|expects?|aims?)\b/i.test(gap) && p.start > reading.from;
    return crossesClause ? Infinity : gap.length;
  };
  const nearest = candidates.filter((p) => distance(p) < Infinity).sort((a, b) => distance(a) - distance(b))[0];
  if (nearest) return asFound(nearest.parsed);
  // A state at the time of writing: a present perfect ("has attracted", "has been living") or a
  // present progressive ("are implementing") in the figure's clause.
  if (publishedOn && statedAsOfNow(sentence, reading)) return { start: publishedOn, end: publishedOn, text: null };
  return null;
}

function statedAsOfNow(sentence: string, reading: Reading): boolean {
  const before = lookBehind(sentence, reading.from, 120);
  const clause = before.slice(Math.max(before.lastIndexOf(',') + 1, before.lastIndexOf(';') + 1)) + sentence.slice(reading.from, reading.to);
  const perfect = /\b(?:has|have|'ve|’ve)\s+(?:(?:already|now|so far|also|just|recently|effectively)\s+)?(?:been|[a-z]+ed|[a-z]+en|spent|made|built|won|brought|grown|seen|held|sold|had)\b/i;
  const progressive = /\b(?:is|are|am)\s+(?:(?:now|currently|still|effectively|already)\s+)?[a-z]+ing\b/i;
  return perfect.test(clause) || progressive.test(clause);
}

/** The earlier figure of a before/after pair has a period only when one is written right after it. */
function periodRightAfter(sentence: string, reading: Reading, periods: PeriodInSentence[]): FoundPeriod | null {
  const next = periods.find((p) => p.start >= reading.unitEnd && /^\s*(?:in\s+)?$/i.test(sentence.slice(reading.unitEnd, p.start)));
  return next ? asFound(next.parsed) : null;
}

// ---------------------------------------------------------------------------------------------
// Dates of events

// Words saying that something happened or is planned at a date; the noun names the metric.
const EVENT_WORDS: Array<[RegExp, string]> = [
  [/\b(?:began|begins|begin|started|starts|start|commenced|launched|launches|launch|debuted|kicked off|put into (?:operation|service|use))\b/i, 'launch_date'],
  [/\b(?:opened|opens|opening|inaugurated|inauguration|unveiled|unveiling)\b/i, 'opening_date'],
  [/\b(?:established|establishment|founded|founding|set up|formed|formation|created)\b/i, 'establishment_date'],
  [/\b(?:completed|completion|finished|commissioned)\b/i, 'completion_date'],
  [/\b(?:announced|announces|announcement|unveiled)\b/i, 'announcement_date'],
  [/\b(?:signed|signing|agreed|concluded)\b/i, 'signing_date'],
  [/\b(?:held|hosted|took place|convened|election|summit|conference|forum|ceremony)\b/i, 'event_date'],
  [/\b(?:became|took office|appointed|elected|sworn in|assumed)\b/i, 'appointment_date'],
  [/\b(?:arrived|arrive|moved|relocated|departed|left for)\b/i, 'arrival_date'],
  [/\b(?:planned|scheduled|slated|expected|due|plans for|targeted)\b/i, 'planned_date'],
];

function eventDates(sentence: string, periods: PeriodInSentence[]): Array<PeriodInSentence & { metric: string }> {
  const dated: Array<PeriodInSentence & { metric: string }> = [];
  for (const period of periods) {
    const { parsed } = period;
    if (parsed.precision === 'span' && parsed.preposition !== 'from' && !/^\d{4}\s*[-–]/.test(period.text)) continue;
    // "The 2024 results were announced": a year used as an adjective dates its noun, not the event.
    if (/^\d{4}$/.test(period.text) && /^\s+[\p{L}]/u.test(sentence.slice(period.end))) continue;
    // "On April 8, 2022, ...": a day given with "on" dates an event.
    const onDay = parsed.preposition === 'on' && parsed.precision === 'day';
    // Periods that only frame figures ("In 2024, trade exceeded ...") are not events.
    const rest = lookBehind(sentence, period.start, 200) + ' ' + sentence.slice(period.end, period.end + 200);
    const event = EVENT_WORDS.find(([re]) => re.test(rest));
    if (!onDay && !event) continue;
    if (parsed.start === null && parsed.text === null) continue;
    dated.push({ ...period, metric: event?.[1] ?? 'event_date' });
  }
  return dated;
}

// ---------------------------------------------------------------------------------------------
// Subjects

/** The entities of the sentence, nearest to the figure first, each once, with the part it plays. */
function subjectsFor(sentence: string, from: number, to: number, mentions: LocalMention[]): FoundFigure['subjects'] {
  if (mentions.length === 0) return [];
  const distance = (m: LocalMention) => (m.to <= from ? from - m.to : m.from >= to ? m.from - to : 0);
  const hasOrigin = mentions.some((m) => /\bfrom\s+(?:the\s+)?$/i.test(sentence.slice(Math.max(0, m.from - 12), m.from)));
  const flow = hasOrigin || /\b(?:export|import|ship|transport|freight|cargo|goods|train|flight|travel|moved|visit|destined|bound)/i.test(lookBehind(sentence, from, 300) + sentence.slice(from, to + 300));
  const seen = new Set<string>();
  const subjects: FoundFigure['subjects'] = [];
  for (const mention of [...mentions].sort((a, b) => distance(a) - distance(b) || a.from - b.from)) {
    const key = JSON.stringify(mention.entity);
    if (seen.has(key)) continue;
    seen.add(key);
    subjects.push({ entity: mention.entity, role: roleOf(sentence, mention, mentions, flow) });
  }
  return subjects;
}

function roleOf(sentence: string, mention: LocalMention, mentions: LocalMention[], flow: boolean): SubjectRole {
  const before = sentence.slice(Math.max(0, mention.from - 40), mention.from);
  const after = sentence.slice(mention.to, mention.to + 40);
  if (/\b(?:according to|data from|statistics from|figures from|said|says)\s+(?:the\s+)?$/i.test(before) ||
      /^\s*(?:said|says|reported|announced|data|statistics)\b/i.test(after)) return 'source';
  // "between China and Kazakhstan": the first is the subject, the second its counterpart.
  if (/\bbetween\s+(?:the\s+)?$/i.test(before)) return 'subject';
  if (/\band\s+(?:the\s+)?$/i.test(before)) {
    const partner = mentions.find((m) => m.to <= mention.from && /^\s+and\s+(?:the\s+)?$/i.test(sentence.slice(m.to, mention.from)));
    if (partner && /\bbetween\s+(?:the\s+)?$/i.test(sentence.slice(Math.max(0, partner.from - 12), partner.from))) return 'counterpart';
  }
  if (/\bwith\s+(?:the\s+)?$/i.test(before)) return 'counterpart';
  if (/\bfrom\s+(?:the\s+)?$/i.test(before)) return 'origin';
  if (/\b(?:to|into|towards|bound for|destined for)\s+(?:the\s+)?$/i.test(before) && flow) return 'destination';
  if (/\b(?:via|through)\s+(?:the\s+)?$/i.test(before)) return 'channel';
  if (/\b(?:in|at|inside|within|across)\s+(?:the\s+)?$/i.test(before)) return 'location';
  return 'subject';
}

// ---------------------------------------------------------------------------------------------

/** Maps code point offsets of a text back to UTF-16 indices. */
function utf16Index(text: string): (codePoint: number) => number {
  const indices: number[] = [];
  let i = 0;
  for (const ch of text) {
    indices.push(i);
    i += ch.length;
  }
  indices.push(i);
  return (codePoint) => indices[Math.max(0, Math.min(codePoint, indices.length - 1))]!;
}
