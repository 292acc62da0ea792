// The public contract: schema.graphql is current, Relay nodes resolve, the documented fields exist.
import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLEnumType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSchemaFile } from '../src/schema/print.ts';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

const sdl = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

describe('schema.graphql', () => {
  it('is what `npm run schema` generates from the code (run it after changing the schema)', () => {
    expect(sdl).toBe(printSchemaFile());
  });

  it('has the Relay Node interface, node and nodes', () => {
    expect(sdl).toMatch(/interface Node \{\s+(""".*"""\s+)?id: ID!\s+\}/);
    expect(sdl).toMatch(/node\(id: ID!\): Node/);
    expect(sdl).toMatch(/nodes\(ids: \[ID!\]!\): \[Node\]!/);
    for (const type of ['Article', 'Entity', 'Claim', 'Relation', 'Citation']) {
      expect(sdl).toMatch(new RegExp(`type ${type} implements Node`));
    }
  });

  it('has the documented entry points and enums', () => {
    const parsed = buildSchema(sdl);
    const query = parsed.getQueryType()!.getFields();
    const signature = (field: string) =>
      `${query[field]!.args.map((a) => `${a.name}: ${a.type}`).sort().join(', ')} -> ${query[field]!.type}`;
    expect(signature('entity')).toMatch(/(^|, )slug: String!.* -> Entity$/);
    expect(signature('entities')).toMatch(/kind: EntityKind.*search: String.* -> EntityConnection!/);
    expect(signature('relations')).toMatch(/kind: RelationKind.* -> RelationConnection!/);
    expect(signature('articles')).toMatch(/ -> ArticleConnection!/);
    expect(signature('claims')).toMatch(/ -> ClaimConnection!/);
    for (const field of ['entities', 'relations', 'articles', 'claims']) {
      expect(signature(field)).toMatch(/after: String.*before: String.*first: Int.*last: Int/);
    }
    const kinds = (parsed.getType('RelationKind') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(kinds).toEqual(expect.arrayContaining(['OPERATES_TERMINAL', 'SISTER_CITY_OF', 'BORDER_PORT_OF', 'LOCATED_IN']));
    const fieldsOf = (type: string) => Object.keys((parsed.getType(type) as GraphQLObjectType).getFields());
    expect(fieldsOf('Entity')).toEqual(expect.arrayContaining(['id', 'slug', 'name', 'kind', 'aliases', 'relations', 'claims', 'articles']));
    expect(fieldsOf('Relation')).toEqual(expect.arrayContaining(['id', 'kind', 'subject', 'object', 'citations']));
    expect(fieldsOf('Claim')).toEqual(expect.arrayContaining(['id', 'metric', 'value', 'unit', 'hedge', 'period', 'subjects', 'citations']));
    expect(fieldsOf('Citation')).toEqual(expect.arrayContaining(['article', 'quote', 'startOffset', 'endOffset']));
    expect(fieldsOf('Article')).toEqual(
      expect.arrayContaining(['id', 'title', 'publisher', 'byline', 'publishedAt', 'url', 'body', 'claims', 'entities']),
    );
    expect(fieldsOf('EntityConnection')).toEqual(['edges', 'pageInfo', 'totalCount']);
    expect(fieldsOf('PageInfo').sort()).toEqual(['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor']);
  });

  it('describes every type and field', () => {
    const undocumented: string[] = [];
    const lines = sdl.split('\n');
    lines.forEach((line, index) => {
      const previous = lines[index - 1]?.trim() ?? '';
      const documented = previous.endsWith('"""') || previous.startsWith('"');
      const isTypeStart = /^(type|enum|interface|input|scalar|union) \w+/.test(line);
      const isField = /^ {2}\w+(\(|:)/.test(line);
      const isEnumValue = /^ {2}[A-Z_]+$/.test(line);
      if ((isTypeStart || isField || isEnumValue) && !documented && !/^type (Query)/.test(line)) undocumented.push(line.trim());
    });
    expect(undocumented).toEqual([]);
  });
});

describe('Relay nodes', () => {
  it('node(id) returns each kind of node by its global ID', async () => {
    const { data } = await app.graphql(`{
      entities(first: 1) { edges { node { id slug claims(first: 1) { edges { node { id citations { id article { id } } } } } } } }
      relations(first: 1) { edges { node { id } } }
    }`);
    const entity = data.entities.edges[0].node;
    const claim = data.entities.edges[0].node.claims.edges[0]?.node;
    const ids: Array<[string, string]> = [
      ['Entity', entity.id],
      ['Relation', data.relations.edges[0].node.id],
    ];
    if (claim) ids.push(['Claim', claim.id], ['Citation', claim.citations[0].id], ['Article', claim.citations[0].article.id]);
    for (const [typename, id] of ids) {
      const result = await app.graphql(`query($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect(result.errors).toBeUndefined();
      expect(result.data.node).toEqual({ __typename: typename, id });
    }
  });

  it('nodes(ids) keeps the order of the ids and gives null for a valid ID without a row', async () => {
    const { data } = await app.graphql(`{ a: entity(slug: "china") { id } b: entity(slug: "kazakhstan") { id } }`);
    const missing = Buffer.from('Entity:999999', 'utf8').toString('base64url');
    const result = await app.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { slug } } }`, {
      ids: [data.b.id, missing, data.a.id],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.nodes).toEqual([{ id: data.b.id, slug: 'kazakhstan' }, null, { id: data.a.id, slug: 'china' }]);
  });

  it('an entity shows its kind, aliases and description', async () => {
    const { data } = await app.graphql(`{ entity(slug: "xian") { name kind aliases description } }`);
    expect(data.entity.name).toBe("Xi'an");
    expect(data.entity.kind).toBe('CITY');
    expect(data.entity.aliases).toContain('Xi’an');
    expect(data.entity.aliases).not.toContain("Xi'an");
  });

  it('a claim shows value, unit, hedge, period, conversion and subjects', async () => {
    const { data } = await app.graphql(`{ entity(slug: "china") { claims(first: 100, metric: "trade_volume") { edges { node {
      metric value unit hedge period { start end text resolved } conversion { value unit }
      subjects { role entity { slug } } citations { quote } } } } } }`);
    const trade = data.entity.claims.edges.map((e: any) => e.node).find((c: any) => c.period.text === '2024' && c.unit === 'USD');
    expect(trade).toMatchObject({
      value: 43800000000,
      hedge: 'MORE_THAN',
      period: { start: '2024-01-01', end: '2024-12-31', resolved: true },
      conversion: null,
    });
    expect(trade.subjects.map((s: any) => s.entity.slug).sort()).toEqual(['china', 'kazakhstan']);
  });
});
