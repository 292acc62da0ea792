// Proposes relations between entities mentioned in the same sentence, from a few phrasings English
// news uses for them: "X operates Y" / "Y is operated by X", "X, located in Y" / "X terminal in Y",
// "X, a border port with Y" / "X port on the A-B border", "X and Y are sister cities". Each relation
// quotes its sentence.
import { SYMMETRIC_RELATION_KINDS, type EntityKind, type RelationKind } from '../domain/vocabulary.ts';
import { kindByHeadWord } from './candidate-entities.ts';
import type { EntityRef, FoundRelation, Mention, Span } from './extraction.ts';
import { splitSentences } from './sentences.ts';

/** What kind an entity is, when the caller knows (known entities, candidates); null when not. */
export type KindOf = (ref: EntityRef) => EntityKind | null | undefined;

// Kinds as FORMAT.md draws the relations.
const OPERATED = new Set<EntityKind>(['terminal', 'dry_port', 'logistics_center', 'facility']);
const OPERATORS = new Set<EntityKind>(['company', 'organisation', 'branch']);
// What "X in Y" / "X at Y" places without saying "located": sites, not companies or people.
const SITES = new Set<EntityKind>(['terminal', 'dry_port', 'logistics_center', 'port', 'station', 'facility', 'economic_zone', 'branch']);
const PLACES = new Set<EntityKind>(['city', 'region', 'country', 'station', 'port', 'economic_zone']);
const NOT_LOCATED = new Set<EntityKind>(['person', 'event', 'policy', 'initiative', 'rail_service', 'route']);
const PORTS = new Set<EntityKind>(['port', 'dry_port', 'station']);
const COUNTRY = new Set<EntityKind>(['country']);
const CITY = new Set<EntityKind>(['city']);
// Places from large to small: a place lies only in a larger one (a region also in another region).
const PLACE_RANK: Partial<Record<EntityKind, number>> = { country: 0, region: 1, city: 2, economic_zone: 3, port: 3, station: 3 };
// A mention right after a preposition is not the subject of the verb that follows it ("The railway
// in China is located at ...").
const AFTER_PREPOSITION = /\b(?:in|of|at|from|to|with|for|by|on|into|near|than|between|via)\s+(?:the\s+)?$/iu;
const PORT_WORD = /\b(?:port|crossing|checkpoint)\b/iu;

// Gaps between two mentions, the first mention then the second (case-insensitive, whole gap).
const OPERATES = /^\s*(?:,\s*which\s+)?(?:(?:now|also|currently|jointly)\s+)?(?:operates|runs|manages|is\s+the\s+operator\s+of|is\s+one\s+of\s+the\s+operators\s+of)\s+(?:the\s+)?$/iu;
const OPERATED_BY = /^\s*,?\s*(?:(?:which|that)\s+)?(?:is\s+|are\s+|was\s+|has\s+been\s+)?(?:(?:jointly|now|currently)\s+)?(?:operated|run|managed)\s+by\s+(?:the\s+)?$/iu;
const OPERATOR_OF = /^\s*,\s*(?:(?:the|an?|one)\s+)?(?:of\s+the\s+)?(?:main\s+)?operators?\s+of\s+(?:the\s+)?$/iu;
const LOCATED = /^\s*,?\s*(?:(?:which|that)\s+is\s+|is\s+|are\s+|was\s+)?(?:located|situated|based|headquartered|sited)\s+(?:in|at)\s+(?:the\s+)?$/iu;
const IN_OR_AT = /^\s+(?:in|at)\s+(?:the\s+)?$/iu;
const DIRECTION = '(?:(?:north|south|east|west|northwest|northeast|southwest|southeast|central)(?:ern)?\\s+)?';
const PLACE_IN = new RegExp(`^\\s*,\\s*(?:a|an|the)\\s+(?:[\\p{L}-]+\\s+){0,3}(?:city|town|county|district|village|region|prefecture|province|capital)\\s+(?:in|of)\\s+(?:the\\s+)?${DIRECTION}$`, 'iu');
const POSSESSIVE = /^['’]s\s+$/u;
const BORDER_WITH = /^\s*,?\s*(?:(?:which|that)\s+(?:is|lies)\s+|is\s+|lies\s+)?(?:(?:a|an|the)\s+)?(?:[\p{L}-]+\s+){0,3}?(?:(?:port|crossing|checkpoint)\s+)?(?:located\s+)?on\s+the\s+border\s+(?:with|of)\s+$/iu;
const BORDER_PORT_OF = /^\s*,?\s*(?:(?:which|that)\s+is\s+|is\s+)?(?:(?:a|an|the)\s+)?(?:[\p{L}-]+\s+){0,3}?(?:border\s+port|border\s+crossing|land\s+port|port\s+of\s+entry|checkpoint)\s+(?:of|with|to)\s+(?:the\s+)?$/iu;
// "X, a land port on the " + A + "-" + B + " border".
const ON_THE = /^\s*,?\s*(?:(?:which|that)\s+(?:is|lies)\s+|is\s+|lies\s+)?(?:(?:a|an|the)\s+)?(?:[\p{L}-]+\s+){0,3}?(?:(?:port|crossing|checkpoint)\s+)?(?:located\s+)?on\s+the\s+$/iu;
const SISTER_CITY_OF = /^\s*,?\s*(?:is\s+|became\s+|has\s+been\s+|was\s+)?(?:(?:a|the)\s+)?sister[ -]city\s+(?:of|to|with)\s+$/iu;
const POSSESSIVE_SISTER = /^['’]s\s+sister[ -]city,?\s+$/iu;
const AND = /^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)$/iu;
const SISTER_AFTER = /^\s*,?\s*(?:(?:are|became|have\s+become|were|have\s+been|remain)\s+)?(?:(?:now|also)\s+)?(?:(?:the|a)\s+)?(?:(?:first|1st|second|2nd|third|3rd|oldest|earliest)\s+)?(?:pair\s+of\s+)?sister[ -]cities\b/iu;
const SISTER_BEFORE = /sister[ -]cit(?:y|ies)\s+(?:(?:relationship|relations|ties|agreement|pact|status)\s+)?(?:between\s+|of\s+)?$/iu;

/** Finds relations in the body between the given mentions (known entities and candidates alike). */
export function extractRelations(body: string, mentions: readonly Mention[], kindOf?: KindOf): FoundRelation[] {
  const chars = Array.from(body);
  const between = (from: number, to: number) => chars.slice(from, to).join('');
  const kind = (mention: Mention): EntityKind | null => kindOf?.(mention.entity) ?? kindByHeadWord(mention.text);
  const found = new Map<string, FoundRelation>();

  const add = (relation: RelationKind, subject: Mention, object: Mention, quote: Span) => {
    if (sameEntity(subject.entity, object.entity)) return; // a relation never points back to its subject
    let [a, b] = [subject.entity, object.entity];
    if (SYMMETRIC_RELATION_KINDS.has(relation) && refKey(a) > refKey(b)) [a, b] = [b, a];
    const key = `${relation}|${refKey(a)}|${refKey(b)}`;
    if (!found.has(key)) found.set(key, { kind: relation, subject: a, object: b, detail: null, quote });
  };
  const is = (mention: Mention, kinds: ReadonlySet<EntityKind>, unknownPasses: boolean) => {
    const k = kind(mention);
    return k === null ? unknownPasses : kinds.has(k);
  };

  for (const sentence of splitSentences(body)) {
    const inSentence = mentions.filter((mention) => mention.start >= sentence.start && mention.end <= sentence.end);
    // A mention inside a longer one is part of that name ("KTZ" in "KTZ Express JSC"): only the
    // outermost names take part in a phrase.
    const inside = inSentence
      .filter((mention) => !inSentence.some((outer) => outer.start <= mention.start && outer.end >= mention.end && outer.end - outer.start > mention.end - mention.start))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    // Each mention with the mentions that start first after it ends (one span, maybe several entities).
    const nextOf = (mention: Mention): Mention[] => {
      const after = inside.filter((other) => other.start >= mention.end);
      const first = after[0]?.start;
      return after.filter((other) => other.start === first);
    };

    for (const a of inside) {
      for (const b of nextOf(a)) {
        const gap = between(a.end, b.start);
        const tail = between(b.end, Math.min(sentence.end, b.end + 80));
        const head = between(Math.max(sentence.start, a.start - 80), a.start);

        // A verb right after X ("X operates", "X is located") needs X to be its subject.
        const subjectOfVerb = /^\s*,/u.test(gap) || !AFTER_PREPOSITION.test(head);

        if (OPERATES.test(gap) && subjectOfVerb && is(b, OPERATED, false) && is(a, OPERATORS, true)) add('operates_terminal', a, b, sentence);
        if ((OPERATED_BY.test(gap) && subjectOfVerb) || OPERATOR_OF.test(gap)) {
          const [operator, operated] = OPERATED_BY.test(gap) ? [b, a] : [a, b];
          if (is(operated, OPERATED, false) && is(operator, OPERATORS, true)) add('operates_terminal', operator, operated, sentence);
        }

        // "X, located in Y" (anything placed), "X terminal in Y" (a site), "X, a city in Y".
        const placed = LOCATED.test(gap) ? subjectOfVerb && !is(a, NOT_LOCATED, false)
          : IN_OR_AT.test(gap) ? is(a, SITES, false)
            : PLACE_IN.test(gap) ? !is(a, NOT_LOCATED, false) : false;
        if (placed && is(b, PLACES, true)) {
          // "in east China's Jiangsu Province": the place is the one the possessive leads to.
          const place = nextOf(b).find((c) => POSSESSIVE.test(between(b.end, c.start)) && is(c, PLACES, false)) ?? b;
          if (fitsIn(kind(a), kind(place))) add('located_in', a, place, sentence);
        }
        // "China's Jiangsu Province", "Xinjiang's Ili prefecture": a place within a larger one
        // (only with kinds the caller knows: a possessive alone says too little).
        const outer = kindOf?.(a.entity);
        const innerKind = kindOf?.(b.entity);
        if (POSSESSIVE.test(gap) && outer && innerKind && ['country', 'region'].includes(outer) &&
          ['region', 'city'].includes(innerKind) && fitsIn(innerKind, outer)) {
          add('located_in', b, a, sentence);
        }

        // "X port on the border with Y", "X, a border port of Y".
        // When the phrase itself calls X a port, X's kind may be unknown; otherwise it must be a port.
        const saysPort = PORT_WORD.test(gap);
        if ((BORDER_WITH.test(gap) || BORDER_PORT_OF.test(gap)) && is(a, PORTS, saysPort) && is(b, COUNTRY, true)) {
          add('border_port_of', a, b, sentence);
        }
        // "X, a land port on the China-Kazakhstan border": one relation per country.
        if (ON_THE.test(gap) && is(a, PORTS, saysPort)) {
          const partner = nextOf(b).find((c) => /^[-–—]$/u.test(between(b.end, c.start)) && /^\s+border\b/iu.test(between(c.end, c.end + 10)));
          if (partner && is(b, COUNTRY, true) && is(partner, COUNTRY, true)) {
            add('border_port_of', a, b, sentence);
            add('border_port_of', a, partner, sentence);
          }
        }

        // Sister cities, either way round.
        const cities = is(a, CITY, true) && is(b, CITY, true);
        if (cities && (SISTER_CITY_OF.test(gap) || POSSESSIVE_SISTER.test(gap))) add('sister_city_of', a, b, sentence);
        if (cities && AND.test(gap) && (SISTER_AFTER.test(tail) || SISTER_BEFORE.test(head))) add('sister_city_of', a, b, sentence);
      }
    }
  }
  return [...found.values()];
}

/** Whether a place of the first kind can lie in one of the second (unknown kinds pass). */
function fitsIn(inner: EntityKind | null, outer: EntityKind | null): boolean {
  const innerRank = inner === null ? undefined : PLACE_RANK[inner];
  const outerRank = outer === null ? undefined : PLACE_RANK[outer];
  if (innerRank === undefined || outerRank === undefined) return true;
  return outerRank < innerRank || (inner === 'region' && outer === 'region');
}

function refKey(ref: EntityRef): string {
  return 'entityId' in ref ? `e${String(ref.entityId).padStart(12, '0')}` : `c${ref.candidateKey}`;
}

function sameEntity(a: EntityRef, b: EntityRef): boolean {
  return refKey(a) === refKey(b);
}
