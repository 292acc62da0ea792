// Seeded generation of GraphQL documents and HTTP requests for test/fuzz.test.ts: random selections
// of the schema's fields with arguments of right and wrong types and edge values, malformed
// documents, and malformed HTTP. Case i of seed s is always the same request, whatever ran before it.
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
  type GraphQLSchema,
  type GraphQLUnionType,
} from 'graphql';

// ---- PRNG ---------------------------------------------------------------------------------------

/** mulberry32: small, fast, good enough to pick test inputs; the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < count && copy.length) out.push(copy.splice(this.int(copy.length), 1)[0]!);
    return out;
  }
}

/** The seed of case `index` of a run seeded with `seed` (independent of the order cases run in). */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---- Value pools ------------------------------------------------------------------------------

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const LONG_10K = 'x'.repeat(10 * 1024);
const LONG_200K = 'y'.repeat(200 * 1024);

/** Strings of every awkward sort. None of them contain the PostgreSQL or stack-trace texts the test looks for. */
export const STRINGS: readonly string[] = [
  'KTZ', 'kazakhstan', 'Khorgos', 'Horgos', 'Almati', 'Urumchi', 'Bhaktu', 'ferryman', 'trade', 'xian',
  '', ' ', '   \t\n', 'a', 'é', 'e\u0301', 'Хоргос', 'Қазақстан', '霍尔果斯', '中欧班列', '🚂🚆🚢', '👨‍👩‍👧‍👦', '🏳️‍🌈',
  'قازاقستان', 'שלום עולם', '\u202etxet desrever\u202c', '\u200b', '\ufeff', '\uffff', '\ud800', '\udc00x', 'a\ud83d', '\ud83dz\ude80',
  'a\u0000b', '\u0000', '\u0007\u001b[31m', '\r\n', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻ͫ',
  "'", "''", '"', '\\', '\\\\', '%', '_', '%_%', '*', '?', '.*', '[a-z]+', '(', ')', ':*', '&', '|', '!', '<->', '!!!', '&|!',
  "'; drop table entities; --", "1' or '1'='1", '$1', '$$', '${x}', '{{x}}', '<script>alert(1)</script>', '<mark>',
  '"quoted phrase"', '"unterminated', '-excluded', 'or', 'the', 'the and of', 'a b c d e f g h i j k l m n o p',
  'kazakhstan:*', 'china & kazakhstan', '!kazakhstan', 'trade <-> volume',
  'a'.repeat(199), 'a'.repeat(200), 'a'.repeat(201), 'word '.repeat(40), 'x'.repeat(999), 'z'.repeat(1000), 'z'.repeat(1001),
  Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ').slice(0, 200),
  LONG_10K, LONG_200K, '../../etc/passwd', 'C:\\Windows', 'null', 'undefined', 'NaN', 'true', '0', '-1', '1e400',
  '__proto__', 'constructor', 'toString',
];

const SLUGS: readonly string[] = ['kazakhstan', 'china', 'xian', 'khorgos', 'atlantis', 'Kazakhstan', 'kazakhstan ', 'kaz%', 'kaz_', ''];
const METRICS: readonly string[] = ['trade_volume', 'annual_handling_capacity', 'nope', '', 'TRADE_VOLUME', 'trade_volume%'];
const PUBLISHERS: readonly string[] = ['Kazinform', 'Xinhua', 'nobody', ''];

export const DATES: readonly string[] = [
  '0000-01-01', '0001-01-01', '2023-02-30', '2024-02-29', '2023-02-29', '9999-12-31', '2023-01-01', '2024-06-15',
  '2023-13-01', '2023-00-10', '2023-1-1', '20230101', '2023-01-01T00:00:00Z', '10000-01-01', '+002023-01-01', '-2023-01-01',
  '1969-12-31', '1900-02-29', '2000-02-29', '', 'yesterday', '2023-01-01\u0000',
];

const VALID_DATES: readonly string[] = ['0001-01-01', '2000-02-29', '2023-01-01', '2023-06-30', '2024-02-29', '2024-06-15', '2025-12-31', '9999-12-31'];

export const INT_EDGES: readonly unknown[] = [-1, 0, 1, 2, 3, 4, 5, 10, 20, 50, 100, 101, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, null, '10', '', 1.5, true];

/** Cursors: real ones of several connections, filled in at start; and forged or broken ones. */
export const CURSORS: string[] = [
  b64('offset:0'), b64('offset:1'), b64('offset:19'), b64('offset:100'), b64('offset:99999999'), b64('offset:9007199254740991'),
  b64('offset:9007199254740992'), b64('offset:-1'), b64('offset:1.5'), b64('offset:1e3'), b64('offset:'), b64('offset:0x10'),
  b64('offset: 1'), b64('offset:01'), b64('Entity:1'), b64('arrayconnection:0'), 'b2Zmc2V0OjA=', 'b2Zmc2V0OjA', '%%%', '', ' ', 'null', LONG_10K,
];

/** IDs: real ones of every type, filled in at start; and forged or broken ones. */
export const IDS: string[] = [
  b64('Entity:1'), b64('Claim:1'), b64('Article:1'), b64('Relation:1'), b64('Citation:1'), b64('Entity:2147483647'),
  b64('Entity:2147483648'), b64('Entity:9999999999'), b64('Claim:999999'), b64('Spaceship:1'), b64('Entity:0'), b64('Entity:-1'),
  b64('Entity:abc'), b64('Entity:01'), b64('Entity:1 '), b64('entity:1'), b64('Node:1'), b64('Query:1'), b64('Entity:1:2'),
  b64('Entity'), b64(':1'), 'RW50aXR5OjE=', 'RW50aXR5OjE', '%%%', '', ' ', 'hello', '1', 'null', '\u0000', LONG_10K,
];

/** The base64url strings of `pool` whose text matches `shape` (the ones the API could have given out). */
function wellFormed(pool: readonly string[], shape: RegExp): string[] {
  return pool.filter((item) => {
    const text = Buffer.from(item, 'base64url').toString('utf8');
    return shape.test(text) && b64(text) === item;
  });
}

// ---- Requests ---------------------------------------------------------------------------------

export interface FuzzRequest {
  /** What kind of case this is, for the summary. */
  family: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** A response that is not JSON is fine here (GraphiQL, an event stream, a route that is not GraphQL). */
  nonJsonAllowed?: boolean;
}

export const CSRF = { 'x-graphql-yoga-csrf': '1' } as const;
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' } as const;

export function postJson(family: string, payload: unknown, headers: Record<string, string> = {}): FuzzRequest {
  return { family, url: 'http://fuzz/graphql', method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(payload) };
}

/** A short printable form of a request, for failure reports. */
export function describeRequest(request: FuzzRequest, max = 400): string {
  const body =
    request.body === undefined ? '' : typeof request.body === 'string' ? request.body : `<${request.body.length} bytes: ${Buffer.from(request.body).toString('hex').slice(0, 80)}>`;
  const shown = body.length > max ? `${body.slice(0, max)}… (${body.length} chars)` : body;
  const url = request.url.length > max ? `${request.url.slice(0, max)}… (${request.url.length} chars)` : request.url;
  return `${request.method} ${url} ${JSON.stringify(request.headers)} ${shown}`;
}

// ---- Documents from the schema ----------------------------------------------------------------

export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
}

/** A value to write in a document: enum values and raw literals are not JSON. */
type Literal = { enum: string } | { raw: string };
type Value = unknown;

function isLiteral(value: unknown): value is Literal {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('enum' in value || 'raw' in value);
}

function printLiteral(value: Value): string {
  if (isLiteral(value)) return 'enum' in value ? value.enum : value.raw;
  if (value === null || value === undefined) return 'null';
  // GraphQL string escapes are JSON's; a lone surrogate becomes \udXXX, which the parser refuses.
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '1e400';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(printLiteral).join(', ')}]`;
  return `{ ${Object.entries(value as object).map(([k, v]) => `${k}: ${printLiteral(v)}`).join(', ')} }`;
}

function toVariable(value: Value): unknown {
  if (isLiteral(value)) return 'enum' in value ? value.enum : Number(value.raw);
  if (Array.isArray(value)) return value.map(toVariable);
  return value;
}

const WRONG_TYPE_VALUES: readonly Value[] = [
  'text', 42, -7, 3.14, true, false, [], [1, 2], { enum: 'ENTITY' }, { raw: '{ a: 1 }' }, { raw: '$undefinedVariable' }, '2023-01-01', '', null,
];

class DocumentBuilder {
  private variableDefs: string[] = [];
  private variables: Record<string, unknown> = {};
  private fragments: string[] = [];
  private fieldCount = 0;

  constructor(
    private readonly rng: Rng,
    private readonly schema: GraphQLSchema,
    private readonly maxDepth: number,
    private readonly pageBias: number,
    /** Only values of the right type and in range: documents that pass validation and reach the resolvers. */
    private readonly strict: boolean,
  ) {}

  private stringFor(argName: string): string {
    const r = this.rng;
    if (argName === 'after' || argName === 'before') return r.pick(this.strict ? wellFormed(CURSORS, /^k1:/) : CURSORS);
    if (['slug', 'subject', 'object'].includes(argName)) return r.chance(0.8) ? r.pick(SLUGS) : r.pick(STRINGS);
    if (argName === 'metric') return r.chance(0.8) ? r.pick(METRICS) : r.pick(STRINGS);
    if (argName === 'publisher') return r.chance(0.6) ? r.pick(PUBLISHERS) : r.pick(STRINGS);
    // Long strings are heavy: a few of them go a long way.
    let s = r.pick(STRINGS);
    if (s.length > 2000 && (this.strict || r.chance(0.7))) s = r.pick(STRINGS.slice(0, 20));
    return s;
  }

  private intFor(argName: string): Value {
    const r = this.rng;
    if ((argName === 'first' || argName === 'last') && (this.strict || r.chance(this.pageBias))) return r.pick([0, 1, 2, 5, 20, 100]);
    if (this.strict) return argName === 'maxDepth' ? r.pick([1, 2, 3, 4]) : r.pick([0, 1, 5, 10, 50]);
    if (argName === 'maxDepth' && r.chance(0.6)) return r.pick([1, 2, 3, 4, 5, 0]);
    if (r.chance(0.05)) return { raw: r.pick(['99999999999999999999999999', '1e400', '-0', '1.0', '0.0000001', '-99999999999']) };
    return r.pick(INT_EDGES);
  }

  private valueOf(type: GraphQLInputType, argName: string): Value {
    const r = this.rng;
    if (!this.strict && r.chance(0.06)) return r.pick(WRONG_TYPE_VALUES);
    if (isNonNullType(type)) return !this.strict && r.chance(0.03) ? null : this.valueOf(type.ofType, argName);
    if (isListType(type)) {
      const shape = r.int(10);
      if (shape === 0) return [];
      if (shape === 1) return this.strict ? [] : null;
      if (shape === 2) return this.valueOf(type.ofType, argName); // a single value stands for a list of one
      if (shape === 3 && argName === 'ids') return Array.from({ length: r.pick([100, 1000]) }, () => r.pick(IDS.slice(0, 12)));
      return Array.from({ length: r.between(1, 4) }, () => this.valueOf(type.ofType, argName));
    }
    const named = getNamedType(type);
    if (isEnumType(named)) {
      const values = named.getValues().map((v) => v.name);
      if (!this.strict && r.chance(0.1)) return r.pick([{ enum: 'SPACESHIP' }, { enum: values[0]!.toLowerCase() }, values[0]!, { enum: 'null' }]);
      return { enum: r.pick(values) };
    }
    switch (named.name) {
      case 'Int':
        return this.intFor(argName);
      case 'Float':
        return r.pick([0, -1, 1.5, 1e308, -1e308, null]);
      case 'Boolean':
        return this.strict || r.chance(0.9) ? r.chance(0.5) : r.pick(['true', 1, 0, null]);
      case 'ID':
        return r.pick(this.strict ? wellFormed(IDS, /^(Entity|Claim|Article|Relation|Citation):[1-9][0-9]{0,8}$/) : IDS);
      case 'Date':
        return this.strict ? r.pick(VALID_DATES) : r.pick(DATES);
      case 'String':
        return this.stringFor(argName);
      default:
        return r.pick(STRINGS);
    }
  }

  private argument(arg: GraphQLArgument): string | null {
    const r = this.rng;
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (required ? !this.strict && r.chance(0.03) : !r.chance(0.45)) return null;
    const value = this.valueOf(arg.type, arg.name);
    if (r.chance(0.35) && !(isLiteral(value) && 'raw' in value)) {
      const name = `v${this.variableDefs.length}`;
      const declared = !this.strict && r.chance(0.05) ? r.pick(['Int', 'String!', '[ID]', 'Date', 'Boolean!', 'Spaceship']) : String(arg.type);
      const withDefault = r.chance(0.1) ? ` = ${printLiteral(this.valueOf(arg.type, arg.name))}` : '';
      this.variableDefs.push(`$${name}: ${declared}${withDefault}`);
      if (this.strict || !r.chance(0.05)) this.variables[name] = toVariable(value);
      return `${arg.name}: $${name}`;
    }
    return `${arg.name}: ${printLiteral(value)}`;
  }

  private fieldCall(field: GraphQLField<unknown, unknown>, depth: number, aliasIndex: number): string {
    const r = this.rng;
    const args = field.args.map((arg) => this.argument(arg)).filter((a): a is string => a !== null);
    if (!this.strict && r.chance(0.02)) args.push(`unknownArg: 1`);
    const alias = aliasIndex > 0 || r.chance(0.1) ? `a${aliasIndex}_${this.fieldCount}: ` : '';
    const directives = [' @include(if: true)', ' @skip(if: false)', ' @skip(if: true)', ...(this.strict ? [] : [' @deprecated', ' @include(if: "yes")'])];
    const directive = r.chance(0.04) ? r.pick(directives) : '';
    this.fieldCount += 1;
    const head = `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directive}`;
    const type = getNamedType(field.type);
    if (isLeafType(type)) return !this.strict && r.chance(0.02) ? `${head} { name }` : head;
    if (!this.strict && r.chance(0.01)) return head; // a composite field without a selection
    return `${head} ${this.selection(type, depth + 1)}`;
  }

  selection(type: GraphQLNamedType, depth: number): string {
    const r = this.rng;
    if (isUnionType(type)) return this.unionSelection(type, depth);
    const object = type as GraphQLObjectType | GraphQLInterfaceType;
    const fields = Object.values(object.getFields());
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const composites = fields.filter((f) => !isLeafType(getNamedType(f.type)));
    const parts: string[] = [];
    const atBottom = depth >= this.maxDepth;
    const count = r.between(1, atBottom ? 2 : 3);
    for (const field of r.sample(atBottom || !composites.length ? leaves : r.chance(0.7) ? composites : fields, count)) {
      parts.push(this.fieldCall(field, depth, 0));
      // Sometimes the same field again under an alias, with other arguments.
      if (r.chance(this.strict ? 0.04 : 0.08)) parts.push(this.fieldCall(field, depth, 1));
    }
    if (!parts.length) parts.push('__typename');
    if (r.chance(0.1)) parts.push('__typename');
    if (!this.strict && r.chance(0.02)) parts.push('notAField');
    if (isInterfaceType(object) && r.chance(0.6)) {
      const possible = this.schema.getPossibleTypes(object);
      const on = r.pick(possible);
      parts.push(`... on ${on.name} ${this.selection(on, depth)}`);
    }
    if (isObjectType(object) && r.chance(0.05)) {
      const name = `F${this.fragments.length}`;
      this.fragments.push(`fragment ${name} on ${object.name} ${this.selection(object, depth)}`);
      parts.push(`...${name}`);
    }
    return `{ ${parts.join(' ')} }`;
  }

  private unionSelection(type: GraphQLUnionType, depth: number): string {
    const members = this.rng.sample(type.getTypes(), this.rng.between(1, 3));
    const parts = ['__typename', ...members.map((m) => `... on ${m.name} ${this.selection(m, depth)}`)];
    return `{ ${parts.join(' ')} }`;
  }

  build(): { query: string; variables: Record<string, unknown> } {
    const r = this.rng;
    const root = this.schema.getQueryType()!;
    const fields = Object.values(root.getFields());
    const parts: string[] = [];
    const rootCount = r.chance(0.75) ? 1 : r.between(2, 3);
    for (let i = 0; i < rootCount; i += 1) parts.push(this.fieldCall(r.pick(fields), 1, i));
    if (r.chance(0.03)) parts.push(r.pick(['__schema { types { name } }', '__type(name: "Entity") { fields { name } }', '__type(name: "Nope") { name }']));
    const name = r.chance(0.3) ? ` Fuzz${r.int(100)}` : '';
    const defs = this.variableDefs.length ? `(${this.variableDefs.join(', ')})` : '';
    const operation = `query${name}${defs} { ${parts.join(' ')} }`;
    return { query: [operation, ...this.fragments].join('\n'), variables: this.variables };
  }
}

export function generateDocument(rng: Rng, schema: GraphQLSchema): { query: string; variables: Record<string, unknown> } {
  const maxDepth = rng.between(2, 7);
  return new DocumentBuilder(rng, schema, maxDepth, 0.75, rng.chance(0.45)).build();
}

// ---- Malformed documents ----------------------------------------------------------------------

const DEEP_RELATIONS = (levels: number) =>
  `{ entity(slug: "kazakhstan") { ${'relations { edges { node { object { '.repeat(levels)}name${' } } } }'.repeat(levels)} } }`;

function randomText(rng: Rng, length: number): string {
  const alphabet = '{}()[]:$@!.,"\'\\#=|&\n\t abcxyzAZ019_-…é中🚂\u0000\u0001\u007f\ud800';
  let out = '';
  for (let i = 0; i < length; i += 1) out += rng.chance(0.1) ? String.fromCharCode(rng.int(0x10000)) : alphabet[rng.int(alphabet.length)]!;
  return out;
}

export function malformedDocument(rng: Rng, schema: GraphQLSchema): { family: string; query: string; variables?: unknown; operationName?: unknown } {
  const valid = () => generateDocument(rng, schema).query;
  switch (rng.int(22)) {
    case 0: {
      const query = valid();
      return { family: 'doc:truncated', query: query.slice(0, rng.int(query.length)) };
    }
    case 1:
      return { family: 'doc:random', query: randomText(rng, rng.between(1, 300)) };
    case 2:
      return { family: 'doc:unbalanced', query: rng.chance(0.5) ? `${valid()} }` : valid().replace(/\}(?=[^}]*$)/, '') };
    case 3:
      return { family: 'doc:braces', query: rng.chance(0.5) ? '{'.repeat(rng.pick([10, 1000, 50_000])) : '}'.repeat(1000) };
    case 4:
      return { family: 'doc:deep-1000', query: DEEP_RELATIONS(1000 / 4) };
    case 5:
      return { family: 'doc:deep-1000', query: `{ ${'a { '.repeat(1000)}b${' }'.repeat(1000)} }` };
    case 6:
      return { family: 'doc:deep-list', query: `{ nodes(ids: ${'['.repeat(1000)}"x"${']'.repeat(1000)}) { id } }` };
    case 7:
      return { family: 'doc:aliases-10000', query: `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: entities(first: 100) { edges { node { name } } }`).join(' ')} }` };
    case 8:
      return { family: 'doc:aliases-10000', query: `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }` };
    case 9:
      return {
        family: 'doc:huge-number',
        query: `{ entities(first: ${rng.pick(['9'.repeat(400), '1e400', '-1e400', '1.7976931348623157e309', '0x10', 'NaN', 'Infinity', '1_000', '00', '-0'])}) { totalCount } }`,
      };
    case 10:
      return { family: 'doc:empty', query: rng.pick(['', ' ', '\n', '# only a comment', '\ufeff', '\ufeff{ __typename }', ';', '{}', '{ }', 'query', 'fragment F on Query { __typename }']) };
    case 11:
      return { family: 'doc:operations', query: 'query A { __typename } query B { entities { totalCount } }', operationName: rng.pick([undefined, 'A', 'C', '', 42, null, ['A']]) };
    case 12:
      return { family: 'doc:mutation', query: rng.pick(['mutation { __typename }', 'subscription { __typename }', 'mutation M { deleteAll }']) };
    case 13:
      return { family: 'doc:fragment-cycle', query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' };
    case 14:
      return {
        family: 'doc:variables',
        query: rng.pick([
          'query($a: Int) { entities(first: $b) { totalCount } }',
          'query($a: Int, $a: Int) { entities(first: $a) { totalCount } }',
          'query($a: Int) { __typename }',
          'query($a: Spaceship) { __typename }',
          'query($a: Int!) { entities(first: $a) { totalCount } }',
          'query($a: [[[Int!]!]!]!) { __typename }',
        ]),
        variables: rng.pick([undefined, {}, { a: 'x' }, { a: [[[1]]] }, { a: null }, { __proto__: { a: 1 } }, JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}'), { constructor: { prototype: { x: 1 } } }]),
      };
    case 15:
      return { family: 'doc:directives', query: `{ __typename ${'@skip(if: false) '.repeat(rng.pick([21, 500]))} }` };
    case 16:
      return { family: 'doc:strings', query: `{ entities(search: ${rng.pick(['"unterminated', '"""block\\"""', '"\\ud800"', '"\\u{1F600}"', '"\\x41"', '"\u0000"', '"line\nbreak"', `"${'\\u0041'.repeat(5000)}"`])}) { totalCount } }` };
    case 17:
      return { family: 'doc:introspection-deep', query: `{ __schema { types { ${'fields { type { '.repeat(20)}name${' } }'.repeat(20)} } } }` };
    case 18:
      return { family: 'doc:many-fields', query: `{ ${'__typename '.repeat(rng.pick([1999, 5000]))} }` };
    case 19:
      return { family: 'doc:query-type', query: valid(), variables: rng.pick(['x', 1, [], [{}], true]) };
    case 20:
      return { family: 'doc:cost', query: DEEP_RELATIONS(rng.between(2, 5)).replace(/relations \{/g, `relations(first: ${rng.pick([20, 50, 100])}) {`) };
    default:
      return { family: 'doc:query-not-string', query: rng.pick([42, null, ['{ __typename }'], { a: 1 }, true]) as unknown as string };
  }
}

// ---- Malformed HTTP ---------------------------------------------------------------------------

const get = (family: string, query: string, headers: Record<string, string> = { ...CSRF, accept: 'application/json' }, nonJsonAllowed = false): FuzzRequest => ({
  family,
  url: `http://fuzz/graphql${query}`,
  method: 'GET',
  headers,
  nonJsonAllowed,
});

export function malformedHttp(rng: Rng, schema: GraphQLSchema): FuzzRequest {
  const doc = () => generateDocument(rng, schema);
  const q = (s: string) => encodeURIComponent(s);
  const raw = (family: string, body: string | Uint8Array, contentType: string | null, headers: Record<string, string> = {}, nonJsonAllowed = false): FuzzRequest => ({
    family,
    url: 'http://fuzz/graphql',
    method: 'POST',
    headers: { ...(contentType === null ? {} : { 'content-type': contentType }), accept: 'application/json', ...headers },
    body,
    nonJsonAllowed,
  });
  switch (rng.int(16)) {
    case 0:
      return raw('http:invalid-json', rng.pick(['{', '{"query": ', "{'query': '{ __typename }'}", '', '{"query": "{ __typename }"} trailing', '\ufeff{"query":"{ __typename }"}', '{"query": "\\ud800"}', '{"query": NaN}', '{"a":' .repeat(5000)]), 'application/json');
    case 1:
      return raw('http:json-shapes', rng.pick(['null', '"string"', '123', 'true', '{}', '{"query": null}', '{"variables": {}}', '{"query": "{ __typename }", "extensions": "x"}', '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}', '[[[[[[[[[[]]]]]]]]]]']), 'application/json');
    case 2: {
      const bytes = new Uint8Array(rng.between(1, 200)).map(() => rng.int(256));
      return raw('http:random-bytes', rng.chance(0.5) ? bytes : Uint8Array.from([...Buffer.from('{"query":"{ entities(search: \\"'), 0xff, 0xfe, 0xc0, 0x80, ...Buffer.from('\\") { totalCount } }"}')]), 'application/json');
    }
    case 3: {
      const { query } = doc();
      return raw(
        'http:content-type',
        rng.chance(0.5) ? JSON.stringify({ query }) : query,
        rng.pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/graphql', 'application/json; charset=utf-16', 'application/graphql-response+json', 'application/octet-stream', 'APPLICATION/JSON', 'application/json;;;', null]),
        CSRF,
      );
    }
    case 4:
      return raw('http:multipart', '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--x\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n--x--\r\n', 'multipart/form-data; boundary=x', CSRF);
    case 5:
      return get('http:get-bad-variables', `?query=${q('query($a: Int) { entities(first: $a) { totalCount } }')}&variables=${q(rng.pick(['{a', '[]', '1', '"x"', 'null', '{"a": "x"}', '{"a": 1e400}', 'undefined', '%']))}`);
    case 6:
      return get('http:get-bad-extensions', `?query=${q('{ __typename }')}&extensions=${q(rng.pick(['{', '[]', '"x"', '{"persistedQuery": 1}']))}`);
    case 7:
      return get('http:get-odd', rng.pick(['', '?', '?query=', '?query=%', '?query=%E0%A4%A', '?query=%00', `?query=${q('{ __typename }')}&query=${q('{ x }')}`, `?query=${q('{ __typename }')}&operationName=Nope`, '?variables={}', `?query=${q(doc().query)}`]));
    case 8:
      return get('http:get-long-url', `?query=${q(`{ entities(search: "${'k'.repeat(rng.pick([5000, 100_000]))}") { totalCount } }`)}`);
    case 9:
      return get('http:get-no-csrf', `?query=${q('{ __typename }')}`, { accept: 'application/json' });
    case 10:
      return get('http:get-accept', `?query=${q(doc().query)}`, { ...CSRF, accept: rng.pick(['text/html', 'text/event-stream', 'multipart/mixed', 'application/graphql-response+json', '*/*', 'image/png', '']) }, true);
    case 11:
      return { family: 'http:method', url: 'http://fuzz/graphql', method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']), headers: { ...CSRF, accept: 'application/json', origin: rng.pick(['http://evil.example', 'http://localhost:3000']) }, nonJsonAllowed: true };
    case 12: {
      const count = rng.pick([0, 1, 2, 50]);
      return postJson('http:batch', Array.from({ length: count }, () => ({ query: doc().query })));
    }
    case 13:
      return raw('http:batch-junk', rng.pick(['[1, 2]', '[null]', '["{ __typename }"]', '[[]]']), 'application/json');
    case 14:
      return { family: 'http:route', url: `http://fuzz${rng.pick(['/', '/nope', '/graphql/extra', '/graphql/../graphql', '/ready', '/metrics', '/GRAPHQL', '/graphql%00', '//graphql'])}`, method: 'GET', headers: { accept: 'application/json' }, nonJsonAllowed: true };
    default:
      return postJson('http:operation-name', { query: 'query A { __typename } query B { __typename }', operationName: rng.pick(['A', 'B', 'C', '', null, 1, {}]) });
  }
}

/** Case `index` of a run: mostly schema documents, then malformed documents and malformed HTTP. */
export function fuzzCase(seed: number, index: number, schema: GraphQLSchema): FuzzRequest {
  const rng = new Rng(caseSeed(seed, index));
  const roll = rng.float();
  if (roll < 0.62) {
    const { query, variables } = generateDocument(rng, schema);
    const payload = Object.keys(variables).length ? { query, variables } : { query };
    return postJson('schema', payload);
  }
  if (roll < 0.84) {
    const { family, ...payload } = malformedDocument(rng, schema);
    return postJson(family, payload);
  }
  return malformedHttp(rng, schema);
}
