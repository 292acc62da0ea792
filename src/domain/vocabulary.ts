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
  'national_of', 'educated_at', 'met_with', 'member_of',
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
};

export const UNITS = [
  'USD', 'CNY', 'TEU', 'tonne', 'train', 'trip', 'vehicle', 'percent', 'mu', 'hectare', 'person',
  'organisation', 'project', 'route', 'year', 'month', 'day', 'hour', 'times', 'visit', 'date',
] as const;
export type Unit = (typeof UNITS)[number];

export const HEDGES = ['exact', 'more_than', 'at_least', 'less_than', 'about', 'nearly', 'up_to'] as const;
export type Hedge = (typeof HEDGES)[number];

export const STATUSES = ['candidate', 'curated', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];

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
