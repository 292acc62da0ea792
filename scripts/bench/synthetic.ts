// Deterministic synthetic corridor data, one country at a time: regions, cities, terminals, companies,
// people, claims and relations, and articles whose generated sentences are the citations' quotes.
import { createHash } from 'node:crypto';
import type { EntityKind, Hedge, RelationKind, SubjectRole, Unit } from '../../src/domain/vocabulary.ts';
import { seededRandom, type Random } from './random.ts';

export interface SyntheticEntity {
  slug: string;
  name: string;
  kind: EntityKind;
  description: string;
  aliases: string[];
}

export interface SyntheticCitation {
  sourceKey: string;
  quote: string;
  /** Offsets in code points; the text is ASCII, so they are plain string indexes. */
  startOffset: number;
  endOffset: number;
}

export interface SyntheticClaim {
  key: string;
  metric: string;
  value: number | null;
  unit: Unit;
  hedge: Hedge;
  periodStart: string;
  periodEnd: string;
  periodText: string;
  subjects: Array<{ slug: string; role: SubjectRole }>;
  citations: SyntheticCitation[];
}

export interface SyntheticRelation {
  kind: RelationKind;
  subject: string;
  object: string;
  detail: string | null;
  citations: SyntheticCitation[];
}

export interface SyntheticArticle {
  sourceKey: string;
  title: string;
  publisher: string;
  byline: string | null;
  publishedOn: string | null;
  url: string;
  rawText: string;
  body: string;
  contentHash: string;
}

export interface SyntheticData {
  entities: SyntheticEntity[];
  articles: SyntheticArticle[];
  claims: SyntheticClaim[];
  relations: SyntheticRelation[];
}

/** One synthetic country per this many units of BENCH_SCALE (a country is ~1/5 of 50 corpora). */
export const SCALE_UNITS_PER_COUNTRY = 5;

/** Companies named "KTZ ...": a fixed number, the first ones generated, so the walk finds the same set at every scale. */
export const KTZ_COMPANIES = 60;

// Every country has the same shape, so per-entity work (a walk, a containment, a path) stays the
// same size as countries are added; only the tables grow.
const SHAPE = {
  regions: 4,
  citiesPerRegion: 5,
  terminalsPerCity: 2,
  ports: 5,
  companies: 20,
  branches: 10,
  persons: 200,
  organisations: 40,
  routes: 3,
  railServices: 4,
  zones: 2,
  events: 60,
  articles: 25,
} as const;

const SYLLABLES = [
  'ka', 'ra', 'bu', 'lak', 'tal', 'dy', 'kor', 'gan', 'zhan', 'bek', 'ak', 'su', 'tau', 'ar', 'man', 'ol', 'tor',
  'kul', 'sai', 'bol', 'mir', 'ust', 'ob', 'na', 'shy', 'kent', 'tas', 'bay', 'kyz', 'zhar', 'tem', 'ir', 'us',
  'sar', 'ata', 'ken', 'alm', 'bar', 'lu', 'mo', 'pen', 'gor', 'vi', 'ten', 'dal',
];
const FIRST_NAMES = [
  'Alisher', 'Darkhan', 'Aigerim', 'Nurlan', 'Madina', 'Yerlan', 'Saule', 'Timur', 'Gulnara', 'Ruslan', 'Aliya',
  'Bauyrzhan', 'Dana', 'Askar', 'Zarina', 'Murat', 'Li', 'Wang', 'Zhang', 'Chen',
];
const COMPANY_WORDS = ['Trans', 'Freight', 'Rail', 'Cargo', 'Logistic'];
const COMPANY_FORMS = ['JSC', 'LLP', 'Group', 'Co Ltd'];
const ROLES = ['general manager', 'deputy general manager', 'engineer', 'logistics coordinator', 'analyst', 'director'];
const PUBLISHERS = ['Xinhua', 'Kazinform', 'The Astana Times', 'Trend', 'Global Times', 'CGTN', 'Kursiv'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FILLER_NOUNS = ['corridor', 'railway', 'warehouse', 'customs service', 'container yard', 'supply chain', 'border crossing', 'freight market'];
const FILLER_VERBS = ['expand', 'modernise', 'connect', 'speed up', 'digitise', 'support', 'double'];
const FILLER_ADJECTIVES = ['new', 'regional', 'international', 'steady', 'growing', 'strategic', 'seasonal'];

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const slugify = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const formatNumber = (value: number) => value.toLocaleString('en-US');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

function word(rng: Random, syllables: number): string {
  let text = '';
  for (let i = 0; i < syllables; i += 1) text += rng.pick(SYLLABLES);
  return capitalize(text);
}

/** A transliteration variant ("Karabulak" / "Kharabulak"), as the articles spell names differently. */
function variantSpelling(name: string): string | null {
  if (/k/i.test(name)) return name.replace(/k/i, (k) => (k === 'K' ? 'Kh' : 'kh'));
  if (/u/.test(name)) return name.replace('u', 'ou');
  return null;
}

/** A deterministic typo of a name: two inner letters swapped, as someone typing fast would. */
export function misspell(name: string): string {
  let i = Math.max(1, Math.floor(name.length / 2) - 1);
  // Swapping two equal letters would change nothing.
  while (i < name.length - 2 && name.charAt(i) === name.charAt(i + 1)) i += 1;
  return name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2);
}

/** Something an article states, and where its citations go once the article is written. */
interface Statement {
  sentence: string;
  citations: SyntheticCitation[];
  articleIndexes: number[];
}

/** The named parts of one country that queries and paths need to find again. */
interface CountryParts {
  country: SyntheticEntity;
  regions: SyntheticEntity[];
  cities: SyntheticEntity[];
  terminals: SyntheticEntity[];
  companies: SyntheticEntity[];
  persons: SyntheticEntity[];
}

class CountryBuilder {
  readonly data: SyntheticData = { entities: [], articles: [], claims: [], relations: [] };
  private readonly statements: Statement[] = [];
  private entityCount = 0;
  private claimCount = 0;

  constructor(
    readonly index: number,
    readonly rng: Random,
  ) {}

  entity(kind: EntityKind, name: string, aliases: Array<string | null> = []): SyntheticEntity {
    this.entityCount += 1;
    const entity: SyntheticEntity = {
      slug: `${slugify(name)}-${this.index}-${this.entityCount}`,
      name,
      kind,
      description: `Synthetic ${kind.replace('_', ' ')} generated for the benchmark.`,
      aliases: aliases.filter((alias): alias is string => alias !== null && alias !== name),
    };
    this.data.entities.push(entity);
    return entity;
  }

  /** Cited by one article, or by two for a share of them (so sources and corroboration have data). */
  private state(sentence: string, citations: SyntheticCitation[], secondSource = 0): void {
    const first = this.rng.int(0, SHAPE.articles - 1);
    const articleIndexes = [first];
    if (this.rng.chance(secondSource)) articleIndexes.push((first + this.rng.int(1, SHAPE.articles - 1)) % SHAPE.articles);
    this.statements.push({ sentence, citations, articleIndexes });
  }

  relate(kind: RelationKind, subject: SyntheticEntity, object: SyntheticEntity, sentence: string, detail: string | null = null): void {
    const relation: SyntheticRelation = { kind, subject: subject.slug, object: object.slug, detail, citations: [] };
    this.data.relations.push(relation);
    this.state(sentence, relation.citations);
  }

  claim(
    fields: Omit<SyntheticClaim, 'key' | 'citations' | 'periodStart' | 'periodEnd' | 'periodText'> & { year: number; month?: number },
    sentence: string,
  ): void {
    this.claimCount += 1;
    const { year, month, ...rest } = fields;
    const period = month === undefined
      ? { periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, periodText: String(year) }
      : {
          periodStart: `${year}-${pad(month)}-01`,
          periodEnd: `${year}-${pad(month)}-${pad(lastDayOf(year, month))}`,
          periodText: `${MONTHS[month - 1]} ${year}`,
        };
    const claim: SyntheticClaim = { key: `bench-${this.index}-${this.claimCount}`, ...rest, ...period, citations: [] };
    this.data.claims.push(claim);
    this.state(sentence, claim.citations, 0.3);
  }

  /** Writes the articles: each one's statements among filler sentences, recording every quote's offsets. */
  writeArticles(parts: CountryParts): void {
    const places = [parts.country, ...parts.regions, ...parts.cities].map((e) => e.name);
    const perArticle: Statement[][] = Array.from({ length: SHAPE.articles }, () => []);
    for (const statement of this.statements) {
      for (const index of statement.articleIndexes) perArticle[index]!.push(statement);
    }
    perArticle.forEach((statements, index) => {
      const sourceKey = `bench_${this.index}_${index}`;
      const sentences: Array<Statement | string> = [...statements];
      for (let i = 0, fillers = this.rng.int(8, 14); i < fillers; i += 1) sentences.push(this.filler(places));
      this.rng.shuffle(sentences);

      let body = '';
      sentences.forEach((sentence, i) => {
        if (i > 0) body += i % 5 === 0 ? '\n\n' : ' ';
        const text = typeof sentence === 'string' ? sentence : sentence.sentence;
        if (typeof sentence !== 'string') {
          sentence.citations.push({ sourceKey, quote: text, startOffset: body.length, endOffset: body.length + text.length });
        }
        body += text;
      });
      const city = this.rng.pick(parts.cities).name;
      const title = `${city} freight hub grows as ${parts.country.name} trade expands (${index + 1})`;
      const rawText = `${title}\n\n${body}`;
      this.data.articles.push({
        sourceKey,
        title,
        publisher: this.rng.pick(PUBLISHERS),
        byline: this.rng.chance(0.5) ? `${this.rng.pick(FIRST_NAMES)} ${word(this.rng, 2)}` : null,
        publishedOn: this.rng.chance(0.05) ? null : `${this.rng.int(2016, 2025)}-${pad(this.rng.int(1, 12))}-${pad(this.rng.int(1, 28))}`,
        url: `https://news.example.com/${sourceKey}`,
        rawText,
        body,
        contentHash: createHash('sha256').update(`${sourceKey}\n${rawText}`).digest('hex'),
      });
    });
  }

  private filler(places: string[]): string {
    const { rng } = this;
    switch (rng.int(0, 2)) {
      case 0:
        return `Officials said the ${rng.pick(FILLER_NOUNS)} would ${rng.pick(FILLER_VERBS)} ${rng.pick(FILLER_ADJECTIVES)} links across ${rng.pick(places)}.`;
      case 1:
        return `The ${rng.pick(FILLER_ADJECTIVES)} ${rng.pick(FILLER_NOUNS)} is expected to ${rng.pick(FILLER_VERBS)} trade between ${rng.pick(places)} and its neighbours.`;
      default:
        return `Analysts noted that demand for the ${rng.pick(FILLER_NOUNS)} in ${rng.pick(places)} remained ${rng.pick(FILLER_ADJECTIVES)} this season.`;
    }
  }
}

/** Name and slug of country `index`, computable alone so a later country can refer to an earlier one. */
function countryName(index: number): string {
  const rng = seededRandom(`country-name-${index}`);
  return `${word(rng, 3)}${rng.pick(['stan', 'ia', 'land'])}`;
}

function buildPlaces(b: CountryBuilder) {
  const { rng } = b;
  const name = countryName(b.index);
  const country = b.entity('country', name, [`Republic of ${name}`]);
  const regions = Array.from({ length: SHAPE.regions }, () => b.entity('region', `${word(rng, 3)} Region`));
  for (const region of regions) b.relate('located_in', region, country, `${region.name} is a region of ${country.name}.`);

  const cities = regions.flatMap((region) =>
    Array.from({ length: SHAPE.citiesPerRegion }, () => {
      const cityName = word(rng, 3);
      const city = b.entity('city', cityName, [rng.chance(0.5) ? variantSpelling(cityName) : null]);
      b.relate('located_in', city, region, `The city of ${city.name} lies in ${region.name}.`);
      return city;
    }),
  );
  const located = (kind: EntityKind, name: string, place: SyntheticEntity, aliases: Array<string | null> = []) => {
    const entity = b.entity(kind, name, aliases);
    b.relate('located_in', entity, place, `${entity.name} is located in ${place.name}.`);
    return entity;
  };
  const terminals = cities.flatMap((city) =>
    Array.from({ length: SHAPE.terminalsPerCity }, () => {
      const short = word(rng, 2);
      return located('terminal', `${city.name} ${short} Terminal`, city, [`${short} terminal`]);
    }),
  );
  const logisticsCenters = cities.map((city) => located('logistics_center', `${city.name} Logistics Center`, city));
  const stations = cities.map((city) => located('station', `${city.name}-${word(rng, 2)} Station`, city));
  const facilities = cities.map((city) => located('facility', `${city.name} Trade Center`, city));
  const zones = cities.slice(0, SHAPE.zones).map((city) => located('economic_zone', `${city.name} Free Economic Zone`, city));
  const ports = Array.from({ length: SHAPE.ports }, (_, i) => {
    const port = located('port', `${word(rng, 2)} Border Crossing`, regions[i % regions.length]!);
    b.relate('border_port_of', port, country, `${port.name} serves the border of ${country.name}.`);
    return port;
  });
  return { country, regions, cities, terminals, logisticsCenters, stations, facilities, zones, ports };
}

function buildActors(b: CountryBuilder, places: ReturnType<typeof buildPlaces>) {
  const { rng } = b;
  const { country, regions, cities, terminals, logisticsCenters } = places;
  const companies = Array.from({ length: SHAPE.companies }, (_, i) => {
    const globalIndex = b.index * SHAPE.companies + i;
    const name = globalIndex < KTZ_COMPANIES
      ? `KTZ ${word(rng, 2)} Logistics`
      : `${word(rng, 2)} ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_FORMS)}`;
    const acronym = name.split(' ').map((part) => part.charAt(0)).join('');
    const company = b.entity('company', name, [acronym.length >= 3 ? acronym : null]);
    b.relate('located_in', company, cities[i % cities.length]!, `${company.name} is headquartered in ${cities[i % cities.length]!.name}.`);
    return company;
  });
  // Each company operates three facilities: company 0 the first three terminals, and so on.
  const operated = [...terminals, ...logisticsCenters];
  operated.forEach((facility, i) => {
    const company = companies[Math.floor(i / 3) % companies.length]!;
    b.relate('operates_terminal', company, facility, `${company.name} operates ${facility.name}.`);
  });
  companies.slice(0, SHAPE.companies / 2).forEach((company, i) => {
    b.relate('partner_of', company, companies[i + 1]!, `${company.name} signed a partnership with ${companies[i + 1]!.name}.`, 'logistics partnership');
  });
  for (let i = 0; i < SHAPE.branches; i += 1) {
    const company = companies[i]!;
    const branch = b.entity('branch', `${company.name} ${cities[(i + 3) % cities.length]!.name} branch`);
    b.relate('branch_of', branch, company, `${branch.name} is a branch of ${company.name}.`);
  }

  const organisations = Array.from({ length: SHAPE.organisations }, (_, i) =>
    i % 2 === 0
      ? b.entity('organisation', `${cities[(i / 2) % cities.length]!.name} State University`)
      : b.entity('organisation', `${regions[i % regions.length]!.name} Chamber of Commerce ${i}`),
  );
  companies.forEach((company, i) => {
    const organisation = organisations[(i * 2 + 1) % organisations.length]!;
    b.relate('member_of', company, organisation, `${company.name} is a member of ${organisation.name}.`);
  });

  const persons = Array.from({ length: SHAPE.persons }, (_, i) => {
    const first = rng.pick(FIRST_NAMES);
    const last = `${word(rng, 2)}${rng.pick(['ov', 'ev', 'uly', 'bekov'])}`;
    const person = b.entity('person', `${first} ${last}`, [`${last} ${first}`]);
    // Person 0 works for company 0: one end of the benchmark's path.
    const employer = i < 120 ? companies[i % companies.length]! : organisations[i % organisations.length]!;
    const role = rng.pick(ROLES);
    b.relate('works_for', person, employer, `${person.name} works as ${role} at ${employer.name}.`, role);
    if (i % 5 === 0) b.relate('national_of', person, country, `${person.name} is a citizen of ${country.name}.`);
    return person;
  });
  return { companies, organisations, persons };
}

function buildNetwork(b: CountryBuilder, places: ReturnType<typeof buildPlaces>) {
  const { rng } = b;
  const { cities, terminals } = places;
  const routes = Array.from({ length: SHAPE.routes }, (_, i) =>
    b.entity('route', `${cities[i]!.name}-${cities[i + 10]!.name} Corridor`),
  );
  const services = Array.from({ length: SHAPE.railServices }, (_, i) =>
    b.entity('rail_service', `${cities[i * 5]!.name} ${word(rng, 2)} Express`),
  );
  cities.forEach((city, i) => {
    const service = services[i % services.length]!;
    b.relate('hub_of', city, service, `${city.name} is a hub of the ${service.name}.`);
  });
  terminals.slice(0, 20).forEach((terminal, i) => {
    const route = routes[i % routes.length]!;
    b.relate('on_route', terminal, route, `${terminal.name} lies on the ${route.name}.`);
  });
  for (let i = 0; i < 5; i += 1) {
    b.relate('sister_city_of', cities[2 * i]!, cities[2 * i + 1]!, `${cities[2 * i]!.name} and ${cities[2 * i + 1]!.name} are sister cities.`);
  }
  for (let i = 0; i < SHAPE.events; i += 1) {
    const city = cities[i % cities.length]!;
    const event = b.entity('event', `${city.name} Logistics Forum ${2016 + (i % 10)}`);
    // Only some events are placed: the rest stand alone, as many entities in the corpus do.
    if (i < cities.length) b.relate('located_in', event, city, `${event.name} took place in ${city.name}.`);
  }
}

const hedgeWords: Partial<Record<Hedge, string>> = { more_than: 'more than ', about: 'about ', nearly: 'nearly ' };

function buildClaims(b: CountryBuilder, places: ReturnType<typeof buildPlaces>, companies: SyntheticEntity[]) {
  const { rng } = b;
  const hedge = (): Hedge => (rng.chance(0.75) ? 'exact' : rng.pick(['more_than', 'about', 'nearly'] as const));
  const figure = (h: Hedge, value: number, unit: string) => `${hedgeWords[h] ?? ''}${formatNumber(value)} ${unit}`;

  // Terminals: three years of throughput (a series), and now and then a second report that disagrees.
  places.terminals.forEach((terminal, i) => {
    const city = places.cities[Math.floor(i / SHAPE.terminalsPerCity)]!;
    const subjects = [{ slug: terminal.slug, role: 'subject' as const }, { slug: city.slug, role: 'location' as const }];
    const firstYear = rng.int(2016, 2021);
    for (let year = firstYear; year < firstYear + 3; year += 1) {
      const h = hedge();
      const value = rng.int(20, 900) * 1000;
      b.claim({ metric: 'annual_throughput', value, unit: 'TEU', hedge: h, subjects, year },
        `${terminal.name} handled ${figure(h, value, 'TEU')} in ${year}.`);
      if (rng.chance(0.1)) {
        const other = Math.round(value * 1.5);
        b.claim({ metric: 'annual_throughput', value: other, unit: 'TEU', hedge: 'exact', subjects, year },
          `Another report put the throughput of ${terminal.name} at ${formatNumber(other)} TEU in ${year}.`);
      }
    }
  });
  const yearly = (
    entities: SyntheticEntity[], years: number, metric: string, unit: Unit,
    value: () => number, sentence: (e: SyntheticEntity, figure: string, year: number) => string, unitWord: string,
    extraSubjects: Array<{ slug: string; role: SubjectRole }> = [],
  ) => {
    for (const entity of entities) {
      const firstYear = rng.int(2016, 2024 - years + 1);
      for (let year = firstYear; year < firstYear + years; year += 1) {
        const h = hedge();
        const v = value();
        b.claim({ metric, value: v, unit, hedge: h, subjects: [{ slug: entity.slug, role: 'subject' }, ...extraSubjects], year },
          sentence(entity, figure(h, v, unitWord), year));
      }
    }
  };
  yearly(places.logisticsCenters, 2, 'freight_volume', 'tonne', () => rng.int(5, 500) * 1000,
    (e, f, y) => `${e.name} processed ${f} of cargo in ${y}.`, 'tonnes');
  yearly(places.cities, 2, 'freight_train_trips', 'trip', () => rng.int(100, 9000),
    (e, f, y) => `${e.name} saw ${f} in ${y}.`, 'freight train trips');
  yearly(places.regions, 5, 'trade_volume', 'USD', () => rng.int(10, 9000) * 1_000_000,
    (e, f, y) => `Foreign trade of ${e.name} reached ${f} in ${y}.`, 'US dollars');
  if (b.index > 0) {
    // Trade with the previous country: a counterpart that exists at every scale that has this one.
    const previous = countryName(b.index - 1);
    const previousSlug = `${slugify(previous)}-${b.index - 1}-1`;
    yearly([places.country], 5, 'trade_volume', 'USD', () => rng.int(100, 90000) * 1_000_000,
      (e, f, y) => `Trade between ${e.name} and ${previous} reached ${f} in ${y}.`, 'US dollars',
      [{ slug: previousSlug, role: 'counterpart' }]);
  }
  yearly([places.country], 5, 'exports_growth_yoy', 'percent', () => rng.int(1, 400) / 10,
    (e, f, y) => `Exports of ${e.name} grew ${f} year on year in ${y}.`, 'percent');
  yearly(companies, 2, 'investment', 'USD', () => rng.int(1, 500) * 100_000,
    (e, f, y) => `${e.name} invested ${f} in ${y}.`, 'US dollars');
  yearly(places.ports, 2, 'vehicle_crossings', 'vehicle', () => rng.int(1000, 90000),
    (e, f, y) => `${e.name} cleared ${f} in ${y}.`, 'vehicles');
  yearly(places.stations, 1, 'freight_trains', 'train', () => rng.int(50, 3000),
    (e, f, y) => `${e.name} dispatched ${f} in ${y}.`, 'freight trains');
  for (const facility of places.facilities) {
    const year = rng.int(2016, 2024);
    const month = rng.int(1, 12);
    b.claim({ metric: 'opening_date', value: null, unit: 'date', hedge: 'exact', subjects: [{ slug: facility.slug, role: 'subject' }], year, month },
      `${facility.name} opened in ${MONTHS[month - 1]} ${year}.`);
  }
}

function buildCountry(index: number): { data: SyntheticData; parts: CountryParts } {
  const b = new CountryBuilder(index, seededRandom(`bench-country-${index}`));
  const places = buildPlaces(b);
  const actors = buildActors(b, places);
  buildNetwork(b, places);
  buildClaims(b, places, actors.companies);
  const parts: CountryParts = { ...places, ...actors };
  b.writeArticles(parts);
  return { data: b.data, parts };
}

/** Countries [from, to): generating 0..n then n..m gives the same rows as 0..m. */
export function generateCountries(from: number, to: number): SyntheticData {
  const data: SyntheticData = { entities: [], articles: [], claims: [], relations: [] };
  for (let index = from; index < to; index += 1) {
    const country = buildCountry(index).data;
    data.entities.push(...country.entities);
    data.articles.push(...country.articles);
    data.claims.push(...country.claims);
    data.relations.push(...country.relations);
  }
  return data;
}

export function countriesForScale(scale: number): number {
  return Math.max(1, Math.round(scale / SCALE_UNITS_PER_COUNTRY));
}

/** What the benchmark queries look for: all in country 0, which exists at every scale. */
export interface BenchTargets {
  countrySlug: string;
  /** A terminal with a three-year throughput series. */
  seriesSlug: string;
  seriesMetric: string;
  /** A city's name, exactly and misspelt. */
  cityName: string;
  cityTypo: string;
  /** A person who works for company 0, and the city of a terminal company 0 operates: three hops apart. */
  pathFromSlug: string;
  pathToSlug: string;
}

export function benchTargets(): BenchTargets {
  const { parts } = buildCountry(0);
  const city = parts.cities[1]!;
  return {
    countrySlug: parts.country.slug,
    seriesSlug: parts.terminals[0]!.slug,
    seriesMetric: 'annual_throughput',
    cityName: city.name,
    cityTypo: misspell(city.name),
    pathFromSlug: parts.persons[0]!.slug,
    // Company 0 operates terminals 0-2; terminal 2 lies in city 1.
    pathToSlug: city.slug,
  };
}
