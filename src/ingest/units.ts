// The words news English states units with, and how they map onto the unit vocabulary
// (src/domain/vocabulary.ts UNITS): currency signs and names, measures, counted nouns.
import type { Unit } from '../domain/vocabulary.ts';

/** A unit read from the text: a vocabulary unit, or OTHER with the text's own word. */
export interface ReadUnit {
  unit: Unit;
  unitText: string | null;
}

// Currency signs and codes written before the number ("$200 million", "RMB 3.5 billion").
// "¥" is read as yuan: in corridor news it is the renminbi sign far more often than the yen's.
export const CURRENCY_PREFIX =
  /(?:US\$|U\.S\.\s?\$|\$|USD|US\s?dollars?|¥|RMB|CNY|Rmb|€|EUR|₽|RUB|₸|KZT|£|GBP|₹|INR)\s?$/;

const CURRENCY_PREFIX_UNITS: Array<[RegExp, ReadUnit]> = [
  [/^(?:US\$|U\.S\.\s?\$|\$|USD|US\s?dollars?)$/, { unit: 'USD', unitText: null }],
  [/^(?:¥|RMB|CNY|Rmb)$/, { unit: 'CNY', unitText: null }],
  [/^(?:€|EUR)$/, { unit: 'EUR', unitText: null }],
  [/^(?:₽|RUB)$/, { unit: 'RUB', unitText: null }],
  [/^(?:₸|KZT)$/, { unit: 'KZT', unitText: null }],
  [/^(?:£|GBP)$/, { unit: 'other', unitText: 'GBP' }],
  [/^(?:₹|INR)$/, { unit: 'other', unitText: 'INR' }],
];

export function currencyOfPrefix(prefix: string): ReadUnit | null {
  const p = prefix.trim();
  return CURRENCY_PREFIX_UNITS.find(([re]) => re.test(p))?.[1] ?? null;
}

/**
 * Units written right after the number (and its scale word), longest first. Each pattern is
 * anchored at the start of the text after the number and matches whole words.
 */
const SUFFIX_UNITS: Array<[RegExp, ReadUnit | ((word: string) => ReadUnit)]> = [
  [/^\s?(?:%|percent\b|per\s?cent\b|pct\b)(?!\s*(?:age\s+)?points?\b)/i, { unit: 'percent', unitText: null }],
  [/^\s?(?:percentage\s+points?|pp)\b/i, { unit: 'other', unitText: 'percentage points' }],
  [/^(?:-|\s)?fold\b/i, { unit: 'times', unitText: null }],
  [/^\s(?:times)\b/i, { unit: 'times', unitText: null }],
  [/^\s(?:(?:U\.S\.|US|American)\s+)?dollars?\b/i, { unit: 'USD', unitText: null }],
  [/^\s?(?:yuan|renminbi|RMB|CNY)\b/i, { unit: 'CNY', unitText: null }],
  [/^\s?(?:tenge|KZT)\b/i, { unit: 'KZT', unitText: null }],
  [/^\s?(?:euros?|EUR)\b/i, { unit: 'EUR', unitText: null }],
  [/^\s?(?:rubles?|roubles?|RUB)\b/i, { unit: 'RUB', unitText: null }],
  [/^\s(?:soms?|sums?|manats?|somonis?|rupees?|pounds?\s+sterling|yen|lari|drams?|hryvnias?|lira)\b/i, (w) => ({ unit: 'other', unitText: w.trim() })],
  [/^\s?(?:TEUs?|twenty-foot\s+equivalent\s+units?)\b/i, { unit: 'TEU', unitText: null }],
  [/^\s?(?:FEUs?|forty-foot\s+equivalent\s+units?)\b/i, { unit: 'other', unitText: 'FEU' }],
  [/^\s?(?:metric\s+)?(?:tonnes?|tons?)\b/i, { unit: 'tonne', unitText: null }],
  [/^\s?(?:mt)\b(?!\.)/, { unit: 'tonne', unitText: null }],
  [/^\s?(?:square|sq\.?)\s+(?:kilometres?|kilometers?|km)\b|^\s?km2\b|^\s?km²/i, { unit: 'other', unitText: 'square kilometres' }],
  [/^\s?(?:square|sq\.?)\s+(?:metres?|meters?|m)\b|^\s?m2\b|^\s?m²/i, { unit: 'other', unitText: 'square metres' }],
  [/^\s?(?:kilometres?|kilometers?|km)\b(?!\s*\/\s*h|\s+per\s+hour)/i, { unit: 'km', unitText: null }],
  [/^\s?(?:hectares?|ha)\b/i, { unit: 'hectare', unitText: null }],
  [/^\s(?:mu)\b/i, { unit: 'mu', unitText: null }],
  [/^-?(?:year|yr)s?-old\b|^\s(?:years?|yrs?)\s+old\b/i, { unit: 'year', unitText: null }],
];

/** The unit written right after the number, with how many UTF-16 units of `after` it takes. */
export function unitAfter(after: string): (ReadUnit & { length: number }) | null {
  for (const [re, read] of SUFFIX_UNITS) {
    const m = re.exec(after);
    if (m) return { ...(typeof read === 'function' ? read(m[0]) : read), length: m[0].length };
  }
  return null;
}

// Time units, singular and plural, also in compounds ("14-day", "48-hour", "half-year").
const TIME_UNITS: Record<string, Unit> = {
  year: 'year', years: 'year', yr: 'year', yrs: 'year', month: 'month', months: 'month', week: 'week', weeks: 'week',
  day: 'day', days: 'day', hour: 'hour', hours: 'hour', hr: 'hour', hrs: 'hour',
};

export function timeUnit(word: string): Unit | null {
  return TIME_UNITS[word.toLowerCase()] ?? null;
}

// Counted nouns: the head of the noun phrase after a number ("5,000 trains", "15 Kazakhstani
// employees"). Singular forms count too ("1 train").
const COUNTED: Record<string, Unit> = {};
function counted(unit: Unit, words: string): void {
  for (const word of words.split(' ')) COUNTED[word] = unit;
}
counted('train', 'train trains trainload trainloads');
counted('trip', 'trip trips journey journeys run runs voyage voyages');
counted('container', 'container containers box boxes');
counted('wagon', 'wagon wagons railcar railcars railway-car railway-cars carriage carriages flatcar flatcars');
counted('vehicle', 'vehicle vehicles car cars truck trucks lorry lorries bus buses automobile automobiles nev nevs');
counted('person', [
  'person persons people individual individuals employee employees worker workers staff staffer staffers',
  'student students tourist tourists visitor visitors passenger passengers resident residents child children',
  'driver drivers ferryman ferrymen expat expats expatriate expatriates participant participants delegate delegates',
  'member members official officials teacher teachers engineer engineers specialist specialists citizen citizens',
  'migrant migrants trainee trainees graduate graduates volunteer volunteers journalist journalists farmer farmers',
  'hire hires recruit recruits man men woman women',
].join(' '));
counted('organisation', [
  'organisation organisations organization organizations company companies enterprise enterprises firm firms',
  'business businesses institution institutions agency agencies outlet outlets bank banks university universities',
].join(' '));
counted('project', 'project projects');
counted('route', 'route routes line lines corridor corridors');
counted('visit', 'visit visits');
counted('km', 'kilometre kilometres kilometer kilometers');
counted('hectare', 'hectare hectares');

export function countedUnit(word: string): Unit | null {
  return COUNTED[word.toLowerCase()] ?? timeUnit(word);
}

/** Nouns that count repeats ("his second stint", "her third term"): the ordinal is a number of times. */
const REPEATS: Record<string, Unit> = {
  visit: 'visit', trip: 'trip', time: 'times', stint: 'times', term: 'times', tenure: 'times', round: 'times',
  session: 'times', edition: 'times', attempt: 'times', mission: 'times', tour: 'times',
};

export function repeatUnit(word: string): Unit | null {
  return REPEATS[word.toLowerCase()] ?? null;
}

/** Verbs whose object is people: "plan to hire 10 more". */
export const HIRING = /\b(?:hire|hired|hiring|employ|employed|employing|recruit|recruited|recruiting|train|trained)\s+$/i;

/** Plural nouns that do not end in "s". */
export const IRREGULAR_PLURALS = new Set([
  'people', 'children', 'men', 'women', 'staff', 'personnel', 'cattle', 'sheep', 'livestock', 'equipment', 'ferrymen',
  'police', 'data', 'media', 'criteria', 'phenomena', 'headcount',
]);
