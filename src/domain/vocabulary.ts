// The closed vocabularies of the knowledge graph. The database checks the same lists (see the
// migrations); a test proves the two agree.

export const ENTITY_KINDS = [
  'company', 'branch', 'terminal', 'dry_port', 'logistics_center', 'port', 'station', 'city', 'region',
  'country', 'rail_service', 'route', 'organisation', 'economic_zone', 'policy', 'initiative', 'person',
  'facility', 'event',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const RELATION_KINDS = [
  'operates_terminal', 'sister_city_of', 'border_port_of', 'located_in', 'branch_of', 'hub_of', 'on_route',
  'works_for', 'plans_facility', 'part_of', 'partner_of', 'largest_trading_partner_of', 'shares_border_with',
  'national_of', 'educated_at', 'met_with', 'member_of', 'project_of',
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** Kinds that read the same both ways; stored once with the lower entity id as subject. */
export const SYMMETRIC_RELATION_KINDS: ReadonlySet<RelationKind> = new Set([
  'sister_city_of', 'partner_of', 'shares_border_with', 'met_with',
]);

export const RELATION_KIND_DESCRIPTIONS: Record<RelationKind, string> = {
  operates_terminal: 'A company operates a terminal, dry port, logistics centre or facility.',
  sister_city_of: 'Two cities are sister cities (symmetric).',
  border_port_of: 'A port or crossing serves the border of a country (one relation per country).',
  located_in: 'An entity lies in a place (city, region, country, station, port or zone).',
  branch_of: 'A branch belongs to a company.',
  hub_of: 'A city, terminal or port is a hub of a rail service or route.',
  on_route: 'A terminal, port, city or service lies on a route.',
  works_for: 'A person works for an organisation; detail gives the role as stated.',
  plans_facility: 'An organisation plans a facility; detail gives the timing as stated.',
  part_of: 'An entity is part of a larger one.',
  partner_of: 'Two parties are partners (symmetric); detail gives the kind of partnership.',
  largest_trading_partner_of: 'A country is the largest trading partner of another.',
  shares_border_with: 'Two countries share a border (symmetric).',
  national_of: 'A person is from a country.',
  educated_at: 'A person studied at an institution.',
  met_with: 'Two people met (symmetric).',
  member_of: 'An entity belongs to an organisation or initiative.',
  project_of: 'A facility or undertaking is a project of a party (country, organisation, company); a joint project has one relation per party.',
};

export const UNITS = [
  'USD', 'CNY', 'KZT', 'EUR', 'RUB', 'TEU', 'container', 'wagon', 'tonne', 'train', 'trip', 'vehicle', 'percent',
  'mu', 'hectare', 'km', 'person', 'organisation', 'project', 'route', 'year', 'month', 'week', 'day', 'hour',
  'times', 'visit', 'date', 'other',
] as const;
export type Unit = (typeof UNITS)[number];

/**
 * Units a stated conversion may be in: a conversion is a value, so not DATE, and it has no word of
 * its own to keep, so not OTHER.
 */
export const CONVERSION_UNITS = UNITS.filter((unit): unit is Exclude<Unit, 'date' | 'other'> => unit !== 'date' && unit !== 'other');
export type ConversionUnit = (typeof CONVERSION_UNITS)[number];

export const HEDGES = ['exact', 'more_than', 'at_least', 'less_than', 'about', 'nearly', 'up_to'] as const;
export type Hedge = (typeof HEDGES)[number];

export const STATUSES = ['candidate', 'curated', 'rejected', 'retracted'] as const;
export type Status = (typeof STATUSES)[number];

/** Entities are reviewed but never retracted: a wrong one is rejected, a duplicate merged. */
export const ENTITY_STATUSES = ['candidate', 'curated', 'rejected'] as const;
export type EntityStatus = (typeof ENTITY_STATUSES)[number];

/** Who may write: editors curate; admins also merge, retract, manage tokens and read the audit log. */
export const ROLES = ['editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SUBJECT_ROLES = ['subject', 'origin', 'destination', 'location', 'counterpart', 'source', 'channel'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/**
 * The form names and aliases are compared in: case, accents, apostrophes and punctuation removed,
 * so "Xi’an", "XI'AN" and "Xian" meet.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const ENTITY_KIND_DESCRIPTIONS: Record<EntityKind, string> = {
  company: 'A company or joint-stock company.',
  branch: 'A branch office of a company.',
  terminal: 'A cargo or container terminal.',
  dry_port: 'An inland dry port.',
  logistics_center: 'A logistics centre, complex or hub facility.',
  port: 'A land port, border crossing or sea port.',
  station: 'A railway station.',
  city: 'A city.',
  region: 'A province, prefecture, autonomous region or world region.',
  country: 'A country.',
  rail_service: 'A freight train service or network.',
  route: 'A transport route or corridor.',
  organisation: 'An institution, university, ministry, party, media outlet or other body.',
  economic_zone: 'A free trade zone or other economic zone, or a section of one.',
  policy: 'A policy or a business model named in the articles.',
  initiative: 'An international initiative such as the Belt and Road Initiative.',
  person: 'A person; the description gives the role the articles state.',
  facility: 'A site such as a trade centre or media workstation.',
  event: 'An event such as a congress, visit or election.',
};

export const UNIT_DESCRIPTIONS: Record<Unit, string> = {
  USD: 'US dollars.',
  CNY: 'Chinese yuan (renminbi).',
  KZT: 'Kazakhstani tenge.',
  EUR: 'Euros.',
  RUB: 'Russian rubles.',
  TEU: 'Twenty-foot equivalent units (containers).',
  container: 'Containers, counted one by one (not TEU).',
  wagon: 'Railway wagons (cars).',
  tonne: 'Metric tonnes.',
  train: 'Trains.',
  trip: 'Train trips.',
  vehicle: 'Vehicles.',
  percent: 'Percent (a share or a rate of change).',
  mu: 'Mu, the Chinese land unit (about 667 square metres).',
  hectare: 'Hectares.',
  km: 'Kilometres.',
  person: 'People.',
  organisation: 'Organisations.',
  project: 'Projects.',
  route: 'Routes (or railway crossings, counted as routes).',
  year: 'Years.',
  month: 'Months.',
  week: 'Weeks.',
  day: 'Days.',
  hour: 'Hours.',
  times: 'A multiple ("33-fold" is 33 times).',
  visit: 'Visits.',
  date: 'The claim is a date (an opening, a launch); it has no value and its period is the date.',
  other: 'A unit the vocabulary has no name for; the claim keeps the text\'s own word for it (unitText).',
};

export const HEDGE_DESCRIPTIONS: Record<Hedge, string> = {
  exact: 'Stated without qualification.',
  more_than: '"More than", "over", "exceeded", "surpassed": the true figure is above the value.',
  at_least: '"At least": the true figure is the value or above.',
  less_than: '"Less than", "under": the true figure is below the value.',
  about: '"About", "approximately", "around": the true figure is near the value, either side.',
  nearly: '"Nearly", "almost": the true figure is just below the value.',
  up_to: '"Up to", "within": the true figure is the value or below.',
};

export const STATUS_DESCRIPTIONS: Record<Status, string> = {
  candidate: 'Extracted automatically; awaits review.',
  curated: 'Checked by a person against the article.',
  rejected: 'Reviewed and found wrong; kept for the record.',
  retracted: 'Withdrawn after publication (proved wrong or superseded); kept for the record, hidden unless asked for.',
};

export const SUBJECT_ROLE_DESCRIPTIONS: Record<SubjectRole, string> = {
  subject: 'What the figure measures.',
  origin: 'Where a flow comes from.',
  destination: 'Where a flow goes to.',
  location: 'Where it happens.',
  counterpart: 'The other side of a bilateral figure.',
  source: 'Who reported the figure.',
  channel: 'A port or route the flow passes through.',
};

/**
 * Kinds that allow one partner at a time on one side: the end named here has at most one relation of
 * the kind in any period. A country has one largest trading partner (its object end); a branch
 * belongs to one company (its subject end). Two such relations whose periods overlap conflict.
 */
export const FUNCTIONAL_RELATION_KINDS: ReadonlyMap<RelationKind, 'subject' | 'object'> = new Map([
  ['largest_trading_partner_of', 'object'],
  ['branch_of', 'subject'],
]);

// Claim qualifiers: what a figure is about besides its metric and subjects, as Wikidata qualifies a
// statement. Two figures with different qualifiers are different facts: they never conflict.

/** Which way the goods a figure counts move, seen from its subject (its origin, for a flow). */
export const TRADE_DIRECTIONS = ['import', 'export', 'both'] as const;
export type TradeDirection = (typeof TRADE_DIRECTIONS)[number];

export const TRADE_DIRECTION_DESCRIPTIONS: Record<TradeDirection, string> = {
  import: 'Imports only.',
  export: 'Exports only.',
  both: 'Imports and exports together ("total imports and exports", "two-way trade").',
};

/** How the goods a figure counts travel. */
export const TRANSPORT_MODES = ['rail', 'road', 'sea', 'air', 'multimodal'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const TRANSPORT_MODE_DESCRIPTIONS: Record<TransportMode, string> = {
  rail: 'By rail (freight trains).',
  road: 'By road (trucks, vehicles driven across the border).',
  sea: 'By sea.',
  air: 'By air.',
  multimodal: 'By several modes in one chain (rail-sea, road-rail...).',
};

/** Longest product qualifier, in characters. */
export const MAX_PRODUCT_LENGTH = 100;

/**
 * The one form a product qualifier is stored and compared in: NFKC, lowercase, runs of white space
 * made one space, trimmed. "NEVs and  Large-scale Equipment" and "nevs and large-scale equipment" meet.
 */
export function normalizeProduct(product: string): string {
  return product.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}
