// Figure extraction on texts of its own: units and currencies, scale words, hedges, ranges,
// before/after pairs, conversions, multipliers, periods, dates of events, what is no figure, offsets
// that slice the body exactly, subjects with their roles, and metric keys.
import { describe, expect, it } from 'vitest';
import type { FoundFigure, Mention } from '../src/ingest/extraction.ts';
import { extractFigures } from '../src/ingest/figures.ts';

const PUBLISHED = '2025-03-10';

function extract(body: string, options: { publishedOn?: string | null; mentions?: Mention[]; knownMetrics?: string[] } = {}) {
  return extractFigures(body, {
    publishedOn: options.publishedOn === undefined ? PUBLISHED : options.publishedOn,
    mentions: options.mentions ?? [],
    knownMetrics: options.knownMetrics ?? [],
  });
}

/** value, unit (with its word for OTHER) and hedge of each figure, in text order. */
const brief = (figures: FoundFigure[]) =>
  figures.map((f) => [f.value, f.unit === 'other' ? `other:${f.unitText}` : f.unit, f.hedge]);

function only(body: string, options?: Parameters<typeof extract>[1]): FoundFigure {
  const figures = extract(body, options);
  expect(figures, JSON.stringify(brief(figures))).toHaveLength(1);
  return figures[0]!;
}

/** Mentions of names in the body, in code points, each name an entity of its own. */
function mentionsOf(body: string, names: Record<string, number>): Mention[] {
  const mentions: Mention[] = [];
  for (const [name, entityId] of Object.entries(names)) {
    for (let at = body.indexOf(name); at >= 0; at = body.indexOf(name, at + 1)) {
      const start = Array.from(body.slice(0, at)).length;
      mentions.push({ start, end: start + Array.from(name).length, text: name, entity: { entityId } });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

describe('units and currencies', () => {
  it.each([
    ['The fund holds 2.5 billion yuan.', 2.5e9, 'CNY'],
    ['The fund holds RMB 300 million.', 3e8, 'CNY'],
    ['The fund holds 80 million renminbi.', 8e7, 'CNY'],
    ['The fund holds $45 million.', 4.5e7, 'USD'],
    ['The fund holds 12 billion U.S. dollars.', 1.2e10, 'USD'],
    ['The fund holds USD 7 million.', 7e6, 'USD'],
    ['The fund holds 150 billion tenge.', 1.5e11, 'KZT'],
    ['The fund holds KZT 9 billion.', 9e9, 'KZT'],
    ['The fund holds €4 million.', 4e6, 'EUR'],
    ['The fund holds 6 million euros.', 6e6, 'EUR'],
    ['The fund holds 300 million rubles.', 3e8, 'RUB'],
    ['The port handled 450,000 TEUs.', 450000, 'TEU'],
    ['The line carried 1.3 million tons of grain.', 1.3e6, 'tonne'],
    ['The line carried 80,000 tonnes of grain.', 80000, 'tonne'],
    ['The yard stacked 3,400 containers.', 3400, 'container'],
    ['The yard loaded 220 wagons.', 220, 'wagon'],
    ['The hub dispatched 1,500 freight trains.', 1500, 'train'],
    ['The trains made 714 trips.', 714, 'trip'],
    ['The road is 320 kilometres long.', 320, 'km'],
    ['The park covers 45 hectares.', 45, 'hectare'],
    ['Cargo rose 6.8 percent.', 6.8, 'percent'],
    ['Cargo rose 12%.', 12, 'percent'],
    ['Cargo rose 9 per cent.', 9, 'percent'],
    ['Clearance takes 3 days.', 3, 'day'],
    ['Delivery takes 48 hours.', 48, 'hour'],
    ['The border saw 56,000 China-made vehicles.', 56000, 'vehicle'],
    ['The plant employs 4,500 people.', 4500, 'person'],
    ['The firm has 15 Kazakh employees.', 15, 'person'],
    ['The zone attracted 40 media organizations.', 40, 'organisation'],
    ['The bank financed 52 investment projects.', 52, 'project'],
    ['Travellers can stay for a 30-day visa-free period.', 30, 'day'],
  ])('%s', (body, value, unit) => {
    const figure = only(body);
    expect([figure.value, figure.unit, figure.unitText]).toEqual([value, unit, null]);
  });

  it('keeps the word of a unit the vocabulary has no name for (OTHER)', () => {
    expect(brief(extract('The new terminal has 12 berths and 300 cubic metres of storage.'))).toEqual([
      [12, 'other:berths', 'exact'],
      [300, 'other:cubic metres', 'exact'],
    ]);
  });
});

describe('scale words', () => {
  it.each([
    ['Trade reached 43.8 billion dollars.', 43.8e9],
    ['Trade reached 1.2 million dollars.', 1.2e6],
    ['Trade reached 10,000 dollars.', 10000],
    ['Trade reached $3.5bn.', 3.5e9],
    ['Trade reached $5m.', 5e6],
    ['Trade reached 120 mln euros.', 1.2e8],
    ['Trade reached 2.5 trillion rubles.', 2.5e12],
    ['Trade reached four million dollars.', 4e6],
  ])('%s', (body, value) => {
    expect(only(body).value).toBe(value);
  });
});

describe('hedges', () => {
  it.each([
    ['more than', 'more_than'], ['over', 'more_than'], ['exceeded', 'more_than'], ['surpassed', 'more_than'],
    ['nearly', 'nearly'], ['almost', 'nearly'], ['close to', 'nearly'],
    ['about', 'about'], ['around', 'about'], ['approximately', 'about'], ['roughly', 'about'], ['some', 'about'],
    ['up to', 'up_to'], ['as many as', 'up_to'], ['at least', 'at_least'], ['no less than', 'at_least'],
    ['less than', 'less_than'], ['under', 'less_than'], ['fewer than', 'less_than'],
  ])('"%s" is %s', (words, hedge) => {
    const figure = only(`The terminal handled ${words} 5,000 containers.`);
    expect([figure.value, figure.unit, figure.hedge]).toEqual([5000, 'container', hedge]);
  });

  it('reads hedges written after the number and before a currency sign', () => {
    expect(only('The yard took 5,000 containers or more.').hedge).toBe('at_least');
    expect(only('Investment exceeded $200 million.').hedge).toBe('more_than');
    expect(only('Delivery takes within 48 hours.').hedge).toBe('up_to');
  });

  it('gives an unqualified figure the hedge EXACT', () => {
    expect(only('The terminal handled 5,000 containers.').hedge).toBe('exact');
  });
});

describe('ranges, before/after pairs, conversions and multipliers', () => {
  it('reads a range as two bounds: AT_LEAST the lower, UP_TO the upper, with the unit and scale written once', () => {
    expect(brief(extract('The port will handle 150,000-160,000 TEU a year.'))).toEqual([
      [150000, 'TEU', 'at_least'], [160000, 'TEU', 'up_to'],
    ]);
    expect(brief(extract('The project will cost between 5 and 6 billion yuan.'))).toEqual([
      [5e9, 'CNY', 'at_least'], [6e9, 'CNY', 'up_to'],
    ]);
    const [low, high] = extract('Fares ranged from 20 to 35 dollars in 2024.');
    expect([low!.metric, low!.period?.start]).toEqual([high!.metric, high!.period?.start]);
  });

  it('reads "from X to Y" as a before/after pair of exact figures; the later one takes the period', () => {
    const figures = extract('Daily crossings rose from 200 to 600 vehicles in 2024.');
    expect(brief(figures)).toEqual([[200, 'vehicle', 'exact'], [600, 'vehicle', 'exact']]);
    expect(figures[0]!.period).toBeNull();
    expect(figures[1]!.period).toEqual({ start: '2024-01-01', end: '2024-12-31', text: '2024' });
  });

  it('keeps two figures in different units apart ("grew 5.5 percent to 1.2 million tonnes")', () => {
    expect(brief(extract('Freight grew by 5.5 percent to 1.2 million tonnes.'))).toEqual([
      [5.5, 'percent', 'exact'], [1.2e6, 'tonne', 'exact'],
    ]);
  });

  it('keeps a conversion stated alongside on the figure, as hedged as the figure unless hedged itself', () => {
    const cargo = only('Goods worth nearly 19.5 billion yuan ($2.77 billion) crossed the border.');
    expect([cargo.value, cargo.unit, cargo.hedge, cargo.conversion]).toEqual([19.5e9, 'CNY', 'nearly', { value: 2.77e9, unit: 'USD', hedge: 'nearly' }]);
    expect(only('Exports reached 3 billion yuan (about $420 million).').conversion).toEqual({ value: 4.2e8, unit: 'USD', hedge: 'about' });
    const area = only('The dry port spans 100 mu (about 6.67 hectares).');
    expect([area.value, area.unit, area.conversion]).toEqual([100, 'mu', { value: 6.67, unit: 'hectare', hedge: 'about' }]);
    expect(only('The budget is 120 billion tenge (about $250 million).').conversion).toEqual({ value: 2.5e8, unit: 'USD', hedge: 'about' });
  });

  it('reads multipliers as TIMES', () => {
    expect(brief(extract('Volumes saw a 33-fold increase. Exports doubled and imports tripled, a fourfold rise in all.'))).toEqual([
      [33, 'times', 'exact'], [2, 'times', 'exact'], [3, 'times', 'exact'], [4, 'times', 'exact'],
    ]);
  });

  it('reads fractions of something as percent shares, and "half-year" as half a year', () => {
    expect(brief(extract('The two ports handled more than half of the national total. The zone is one ten-thousandth of the land area.'))).toEqual([
      [50, 'percent', 'more_than'], [0.01, 'percent', 'exact'],
    ]);
    expect(brief(extract('He reviewed his half-year tenure.'))).toEqual([[0.5, 'year', 'exact']]);
  });

  it('reads ages, counted repeats and spelled-out numbers', () => {
    expect(brief(extract('The 27-year-old driver, aged 27, has lived there for nearly four years.'))).toEqual([
      [27, 'year', 'exact'], [27, 'year', 'exact'], [4, 'year', 'nearly'],
    ]);
    expect(brief(extract('This is my fifth visit and his second stint.'))).toEqual([[5, 'visit', 'exact'], [2, 'times', 'exact']]);
    expect(brief(extract('All three of my children study here; they plan to hire 10 more.'))).toEqual([
      [3, 'person', 'exact'], [10, 'person', 'exact'],
    ]);
  });
});

describe('counted things named elsewhere in the sentence', () => {
  it('takes the unit of "the number of <things>" for the figure it reaches', () => {
    expect(brief(extract('The number of container trains passing through the port reached 8,500.'))).toEqual([[8500, 'train', 'exact']]);
  });

  it('reads an age in apposition to a name', () => {
    const figure = only('Li Wei, 38, a customs officer, smiled.');
    expect([figure.value, figure.unit, figure.metric, figure.period?.start]).toEqual([38, 'year', 'age', PUBLISHED]);
  });

  it('reads "by a fifth" as a change in percent and "1.5m tonnes" as millions', () => {
    expect(brief(extract('Barley shipments slid by a fifth.'))).toEqual([[20, 'percent', 'exact']]);
    expect(brief(extract('Wheat exports reached 1.5m tonnes, 300 m from the gate.'))).toEqual([[1.5e6, 'tonne', 'exact'], [300, 'other:m', 'exact']]);
  });

  it('stops a counted noun phrase at the next number ("2 hours from 6 hours five years ago")', () => {
    expect(brief(extract('Clearance was cut to 2 hours from 6 hours five years ago.'))).toEqual([[2, 'hour', 'exact'], [6, 'hour', 'exact']]);
  });
});

describe('numbers that are not figures', () => {
  it.each([
    ['years used as dates', 'In 2024, the corridor opened. The plan runs until 2030.'],
    ['a dateline and times of day', 'ALMATY, Feb. 20 (Xinhua) -- Updated: 2025-02-21 10:23. The train left at 9 a.m.'],
    ['ordinals', 'The 20th National Congress was the second largest event.'],
    ['numbers inside names and codes', 'Line 1 links the G7 summit venue, the A320 hangar and the COVID-19 ward with Terminal 2 and GTS-2.'],
    ['section and list numbers', 'See No. 5 and Section 3 of the law.\n1. Customs opened.'],
    ['phone numbers', 'Call +7 727 244 55 66 for details.'],
    ['a known set', 'The two countries and the five Central Asian states agreed.'],
    ['"one of"', 'She is one of the drivers.'],
    ['nouns that are not counted things', 'The (20 planning for the future of China) report.'],
  ])('%s', (_what, body) => {
    expect(brief(extract(body).filter((f) => f.unit !== 'date'))).toEqual([]);
  });
});

describe('periods', () => {
  it('attaches the period of the figure\'s sentence, resolved from the publication date', () => {
    const figure = only('In the first 11 months of this year, the trains made 714 trips.');
    expect(figure.period).toEqual({ start: '2025-01-01', end: '2025-11-30', text: 'the first 11 months of this year' });
    expect(only('Last year, trade grew 5 percent.').period).toEqual({ start: '2024-01-01', end: '2024-12-31', text: 'Last year' });
  });

  it('reads "by the end of the year" as the year to date and leaves a period of another clause alone', () => {
    expect(only('KTZ expects to carry 10 million tonnes by the end of the year.').period).toEqual({
      start: '2025-01-01', end: '2025-12-31', text: 'by the end of the year',
    });
    const [staff, area] = extract('The port employs 1,200 people and plans to expand to 500 hectares by 2027.');
    expect(staff!.period).toBeNull();
    expect(area!.period).toEqual({ start: null, end: '2027-12-31', text: 'by 2027' });
  });

  it('leaves a relative period unresolved, in its words, without a publication date', () => {
    expect(only('Last year, trade grew 5 percent.', { publishedOn: null }).period).toEqual({ start: null, end: null, text: 'Last year' });
  });

  it('takes the nearest period when a sentence has several', () => {
    const [staff, hires] = extract('We currently have 15 employees and plan to hire 10 more this year.');
    expect(staff!.period).toEqual({ start: PUBLISHED, end: PUBLISHED, text: 'currently' });
    expect(hires!.period).toEqual({ start: '2025-01-01', end: '2025-12-31', text: 'this year' });
  });

  it('dates an age and a state at the time of writing with the publication date', () => {
    expect(only('The 45-year-old driver smiled.').period).toEqual({ start: PUBLISHED, end: PUBLISHED, text: null });
    expect(only('The hub has attracted 40 media organizations.').period).toEqual({ start: PUBLISHED, end: PUBLISHED, text: null });
    expect(only('The terminal handled 5,000 containers.').period).toBeNull();
  });
});

describe('dates of events', () => {
  it('makes a date claim of a day given with "on", and of a date in a sentence about an event', () => {
    const opening = extract('The terminal officially began operations in February 2024.');
    expect(opening.map((f) => [f.value, f.unit, f.period, f.metric])).toEqual([
      [null, 'date', { start: '2024-02-01', end: '2024-02-29', text: 'February 2024' }, 'launch_date'],
    ]);
    const [day] = extract('On April 8, 2022, she became ambassador.');
    expect([day!.unit, day!.period?.start, day!.figure.text]).toEqual(['date', '2022-04-08', 'On April 8, 2022']);
  });

  it('makes none of a period that only frames figures, or of a year used as an adjective', () => {
    expect(extract('In 2024, trade grew 5 percent.').map((f) => f.unit)).toEqual(['percent']);
    expect(extract('The 2024 results were announced at a forum.')).toEqual([]);
  });
});

describe('offsets', () => {
  it('slice the body exactly in code points, with emoji and CJK before the number', () => {
    const body = '🚂🚂 中欧班列 news 👍\nThe 中欧 line 🚄 carried 1,300 containers (about 2,600 TEU) in 2024, worth $45 million.';
    const codePoints = Array.from(body);
    const figures = extract(body);
    expect(figures.map((f) => f.figure.text)).toEqual(['1,300', '$45 million']);
    for (const figure of figures) {
      expect(codePoints.slice(figure.figure.start, figure.figure.end).join('')).toBe(figure.figure.text);
      expect(codePoints.slice(figure.quote.start, figure.quote.end).join('')).toBe(figure.quote.text);
      expect(figure.quote.text).toBe('The 中欧 line 🚄 carried 1,300 containers (about 2,600 TEU) in 2024, worth $45 million.');
    }
  });
});

describe('subjects and roles', () => {
  it('lists the entities of the sentence, nearest to the number first', () => {
    const body = 'Khorgos is busy. Near Almaty, Khorgos handled 300 trucks a day.';
    const figure = only(body, { mentions: mentionsOf(body, { Khorgos: 1, Almaty: 2 }) });
    expect(figure.subjects).toEqual([
      { entity: { entityId: 1 }, role: 'subject' },
      { entity: { entityId: 2 }, role: 'subject' },
    ]);
  });

  it('gives bilateral, flow, place, channel and source roles', () => {
    const trade = 'Trade between China and Kazakhstan exceeded $43.8 billion, according to Customs.';
    expect(only(trade, { mentions: mentionsOf(trade, { China: 1, Kazakhstan: 2, Customs: 3 }) }).subjects).toEqual([
      { entity: { entityId: 2 }, role: 'counterpart' },
      { entity: { entityId: 3 }, role: 'source' },
      { entity: { entityId: 1 }, role: 'subject' },
    ]);
    const flow = 'Exports from Xinjiang to Almaty via Khorgos reached 500 trains in Urumqi.';
    const roles = only(flow, { mentions: mentionsOf(flow, { Xinjiang: 1, Almaty: 2, Khorgos: 3, Urumqi: 4 }) }).subjects
      .map((s) => [(s.entity as { entityId: number }).entityId, s.role]);
    expect(roles).toEqual(expect.arrayContaining([[1, 'origin'], [2, 'destination'], [3, 'channel'], [4, 'location']]));
  });

  it('skips a number inside a mentioned name but keeps a measure the name states', () => {
    const body = 'Line 5 Logistics moved 300 containers under the 14-day visa exemption.';
    const mentions = mentionsOf(body, { 'Line 5 Logistics': 1, '14-day visa exemption': 2 });
    expect(brief(extract(body, { mentions }))).toEqual([[300, 'container', 'exact'], [14, 'day', 'exact']]);
  });
});

describe('metric keys', () => {
  it('reuses a key in use when its words are there, else makes a snake_case key from the words around', () => {
    const known = ['trade_volume', 'annual_handling_capacity'];
    expect(only('In 2024, the trade volume between the countries hit $3 billion.', { knownMetrics: known }).metric).toBe('trade_volume');
    expect(only('The terminal has an annual handling capacity of 655,000 TEUs.', { knownMetrics: known }).metric).toBe('annual_handling_capacity');
    expect(only('The dry port handled over 5,000 trains.').metric).toBe('trains_handled');
    expect(only('The terminal has a storage capacity of 9,000 TEUs.').metric).toBe('storage_capacity');
    expect(only('The 27-year-old driver smiled.').metric).toBe('age');
    for (const figure of extract('Exports of NEVs surged 102.4 percent year-on-year; Xinjiang earned 90 million yuan.')) {
      expect(figure.metric).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });
});
