// Candidate relations from phrasing between two mentions in one sentence, on texts of their own.
import { describe, expect, it } from 'vitest';
import type { EntityKind } from '../src/domain/vocabulary.ts';
import type { EntityRef, KnownAlias } from '../src/ingest/extraction.ts';
import { createMentionMatcher, proposeCandidateEntities } from '../src/ingest/mentions.ts';
import { extractRelations } from '../src/ingest/relation-patterns.ts';

// A small world of known entities: id -> [name, kind].
const WORLD: Record<number, [string, EntityKind]> = {
  1: ['Steppe Logistics', 'company'],
  2: ['Nurly Zhol Terminal', 'terminal'],
  3: ['Aktau', 'city'],
  4: ['Kazakhstan', 'country'],
  5: ['China', 'country'],
  6: ['Dostyk', 'port'],
  7: ['Almaty', 'city'],
  8: ['Urumqi', 'city'],
  9: ['Mangystau Region', 'region'],
  10: ['Jinghe Logistics Park', 'logistics_center'],
  11: ['Aigerim Bekova', 'person'],
  12: ['Astana', 'city'],
  13: ['Bishkek', 'city'],
};
const aliases: KnownAlias[] = Object.entries(WORLD).map(([id, [alias]]) => ({ entityId: Number(id), alias }));
const matcher = createMentionMatcher(aliases);
const kindOf = (ref: EntityRef) => ('entityId' in ref ? WORLD[ref.entityId]?.[1] : undefined) ?? null;
const name = (ref: EntityRef) => ('entityId' in ref ? WORLD[ref.entityId]![0] : ref.candidateKey);

function relations(body: string, withKinds = true) {
  const known = matcher.find(body);
  const { mentions } = proposeCandidateEntities(body, known);
  return extractRelations(body, [...known, ...mentions], withKinds ? kindOf : undefined).map((r) => {
    // Every quote is the sentence, sliced from the body by its code-point offsets.
    expect(Array.from(body).slice(r.quote.start, r.quote.end).join('')).toBe(r.quote.text);
    return [r.kind, name(r.subject), name(r.object)];
  });
}

describe('quotes', () => {
  it('quotes the whole sentence the relation is read from', () => {
    const body = 'Trade grew.\nBy 2025, Steppe Logistics operates the Nurly Zhol Terminal. It is busy.';
    const [relation] = extractRelations(body, matcher.find(body), kindOf);
    expect(relation?.quote).toEqual({ start: 12, end: 71, text: 'By 2025, Steppe Logistics operates the Nurly Zhol Terminal.' });
    expect(relation?.detail).toBeNull();
  });
});

describe('operates_terminal', () => {
  it('reads "X operates Y", "Y is operated by X" and "X, the operator of Y"', () => {
    expect(relations('Steppe Logistics operates the Nurly Zhol Terminal.')).toEqual([['operates_terminal', 'Steppe Logistics', 'Nurly Zhol Terminal']]);
    expect(relations('The Nurly Zhol Terminal is operated by Steppe Logistics.')).toEqual([['operates_terminal', 'Steppe Logistics', 'Nurly Zhol Terminal']]);
    expect(relations('Jinghe Logistics Park, run by Steppe Logistics, opened.')).toEqual([['operates_terminal', 'Steppe Logistics', 'Jinghe Logistics Park']]);
    expect(relations('Steppe Logistics, the operator of Jinghe Logistics Park, grew.')).toEqual([['operates_terminal', 'Steppe Logistics', 'Jinghe Logistics Park']]);
  });

  it('reads a terminal from its head word when no kinds are given', () => {
    expect(relations('Steppe Logistics runs Nurly Zhol Terminal.', false)).toEqual([['operates_terminal', 'Steppe Logistics', 'Nurly Zhol Terminal']]);
  });

  it('does not read operation of a non-terminal, across sentences, or by an entity inside a phrase', () => {
    expect(relations('Steppe Logistics operates Aktau.')).toEqual([]);
    expect(relations('Steppe Logistics operates. Nurly Zhol Terminal opened.')).toEqual([]);
    expect(relations('A unit of Steppe Logistics operates ten trucks; Nurly Zhol Terminal grew.')).toEqual([]);
    expect(relations('Steppe Logistics rivals Nurly Zhol Terminal.')).toEqual([]);
  });
});

describe('located_in', () => {
  it('reads "X, located in Y" and a site "in" or "at" a place', () => {
    expect(relations('Nurly Zhol Terminal, located in Aktau, opened.')).toEqual([['located_in', 'Nurly Zhol Terminal', 'Aktau']]);
    expect(relations('Cargo reached the Nurly Zhol Terminal in Aktau on Monday.')).toEqual([['located_in', 'Nurly Zhol Terminal', 'Aktau']]);
    expect(relations('Aktau, a port city in Mangystau Region, grew.')).toEqual([['located_in', 'Aktau', 'Mangystau Region']]);
  });

  it('follows a possessive to the smaller place and reads the possessive itself', () => {
    expect(relations('Trucks reached Aktau, a coastal city in western Kazakhstan\'s Mangystau Region.')).toEqual([
      ['located_in', 'Aktau', 'Mangystau Region'], ['located_in', 'Mangystau Region', 'Kazakhstan'],
    ]);
  });

  it('reads a new station and its city from the text alone', () => {
    expect(relations('Trains stop at Altynkol station in Almaty.')).toEqual([['located_in', 'altynkol-station', 'Almaty']]);
  });

  it('does not place people, companies "in" places, a country in a city, or an entity inside a phrase', () => {
    expect(relations('Aigerim Bekova in Aktau spoke.')).toEqual([]);
    expect(relations('Steppe Logistics in Aktau hired staff.')).toEqual([]);
    expect(relations('Kazakhstan is located in Aktau.')).toEqual([]);
    expect(relations('The railway in China is located at Dostyk.')).toEqual([]);
  });
});

describe('border_port_of', () => {
  it('reads "X port on the border with Y" and "X, a border port of Y"', () => {
    expect(relations('Dostyk, a railway port on the border with China, is busy.')).toEqual([['border_port_of', 'Dostyk', 'China']]);
    expect(relations('Dostyk, a border port of Kazakhstan, is busy.')).toEqual([['border_port_of', 'Dostyk', 'Kazakhstan']]);
  });

  it('reads one relation per country of "the A-B border"', () => {
    expect(relations('Dostyk, a land port on the Kazakhstan-China border, is busy.')).toEqual([
      ['border_port_of', 'Dostyk', 'Kazakhstan'], ['border_port_of', 'Dostyk', 'China'],
    ]);
  });

  it('does not make a city a border port, nor read a border port without a border', () => {
    expect(relations('Almaty, located on the border with China, grew.')).toEqual([]);
    expect(relations('Dostyk, a port trading with China, is busy.')).toEqual([]);
  });
});

describe('sister_city_of', () => {
  it('reads the phrasings of sister cities, stored once whatever the order', () => {
    expect(relations('Almaty and Urumqi are sister cities.')).toEqual([['sister_city_of', 'Almaty', 'Urumqi']]);
    expect(relations('Urumqi and Almaty became the first pair of sister cities.')).toEqual([['sister_city_of', 'Almaty', 'Urumqi']]);
    expect(relations('Urumqi is a sister city of Almaty.')).toEqual([['sister_city_of', 'Almaty', 'Urumqi']]);
    expect(relations('The sister-city relationship between Astana and Bishkek deepened.')).toEqual([['sister_city_of', 'Astana', 'Bishkek']]);
    expect(relations("Almaty's sister city Urumqi grew.")).toEqual([['sister_city_of', 'Almaty', 'Urumqi']]);
  });

  it('does not pair cities that are merely listed, nor a city with itself', () => {
    expect(relations('Almaty and Urumqi grew; sister cities elsewhere did too.')).toEqual([]);
    expect(relations('Almaty and Almaty are sister cities.')).toEqual([]);
    expect(relations('Almaty and Kazakhstan are sister cities.')).toEqual([]);
  });
});
