// Known-entity mentions (folded alias matching) and candidate entities, on texts of their own.
import { describe, expect, it } from 'vitest';
import { planCorpus, readCorpusFiles } from '../src/ingest/corpus.ts';
import type { EntityRef, KnownAlias, Mention } from '../src/ingest/extraction.ts';
import { createMentionMatcher, proposeCandidateEntities } from '../src/ingest/mentions.ts';
import { foldName } from '../src/ingest/name-fold.ts';

const ALMATY = 1;
const KHORGOS = 2;
const KHORGOS_PORT = 3;
const XIAN = 4;
const KAZAKHSTAN = 5;
const EU = 6;
const LI_GANG = 7;
const URUMQI = 8;

const aliases: KnownAlias[] = [
  { entityId: ALMATY, alias: 'Almaty' },
  { entityId: ALMATY, alias: 'Алматы' },
  { entityId: KHORGOS, alias: 'Khorgos' },
  { entityId: KHORGOS, alias: 'Хоргос' },
  { entityId: KHORGOS_PORT, alias: 'Khorgos Port' },
  { entityId: KHORGOS_PORT, alias: 'the highway port' },
  { entityId: XIAN, alias: "Xi'an" },
  { entityId: KAZAKHSTAN, alias: 'Kazakhstan' },
  { entityId: EU, alias: 'EU' },
  { entityId: LI_GANG, alias: 'Li Gang' },
  { entityId: LI_GANG, alias: 'Li' },
  { entityId: URUMQI, alias: 'Ürümqi' },
];
const matcher = createMentionMatcher(aliases);

const idOf = (ref: EntityRef) => ('entityId' in ref ? ref.entityId : ref.candidateKey);
const found = (mentions: Mention[]) => mentions.map((m) => [m.text, idOf(m.entity)]);
const slice = (body: string, m: { start: number; end: number }) => Array.from(body).slice(m.start, m.end).join('');

describe('folding', () => {
  it('folds case, accents, apostrophes and other scripts to the same words', () => {
    expect(foldName("Xi'an")).toBe('xian');
    expect(foldName('Xi’an')).toBe('xian');
    expect(foldName('XIAN')).toBe('xian');
    expect(foldName('Хоргос')).toBe('khorgos');
    expect(foldName('Ürümqi')).toBe(foldName('Urumqi'));
    expect(foldName('China-Kazakhstan')).toBe('china kazakhstan');
  });

  it('ends a word at a possessive, so the name before it still matches', () => {
    expect(foldName('Kazakhstan’s')).toBe('kazakhstan s');
    expect(foldName("Xi'an's")).toBe('xian s');
  });
});

describe('known mentions', () => {
  it('finds transliterated and differently written spellings of one alias', () => {
    const body = 'Trucks left Хоргос for Алматы; XI’AN and Xian and Xi‘an joined, as did Urumqi.';
    expect(found(matcher.find(body))).toEqual([
      ['Хоргос', KHORGOS], ['Алматы', ALMATY], ['XI’AN', XIAN], ['Xian', XIAN], ['Xi‘an', XIAN], ['Urumqi', URUMQI],
    ]);
  });

  it('prefers the longest alias at the leftmost start', () => {
    const body = 'Khorgos Port handles cars; Khorgos itself is a city. khorgos port too.';
    expect(found(matcher.find(body))).toEqual([['Khorgos Port', KHORGOS_PORT], ['Khorgos', KHORGOS], ['khorgos port', KHORGOS_PORT]]);
  });

  it('matches whole words only, falling back to a shorter alias when the longer one is cut', () => {
    const body = 'Kazakhstani firms, Almatyan roots, Khorgos Ports and Kazakhstan’s trade.';
    expect(found(matcher.find(body))).toEqual([['Khorgos', KHORGOS], ['Kazakhstan', KAZAKHSTAN]]);
  });

  it('gives offsets in code points that slice the body exactly, after emoji and CJK text', () => {
    const body = '🚆🇰🇿 新疆霍尔果斯 — trains from Xi’an 🚄 reach Алматы and Khorgos Port.';
    const mentions = matcher.find(body);
    expect(mentions.map((m) => m.text)).toEqual(['Xi’an', 'Алматы', 'Khorgos Port']);
    for (const mention of mentions) expect(slice(body, mention)).toBe(mention.text);
    expect(mentions[0]!.start).toBe(Array.from('🚆🇰🇿 新疆霍尔果斯 — trains from ').length);
  });

  it('matches acronyms only in capitals and never a stop word', () => {
    const stopWordMatcher = createMentionMatcher([...aliases, { entityId: 99, alias: 'The' }, { entityId: 98, alias: 'new' }]);
    const body = 'The EU said eu rules and Eu law are new.';
    expect(found(stopWordMatcher.find(body))).toEqual([['EU', EU]]);
  });

  it('uses a very short or descriptive alias only where the entity is also named in full', () => {
    expect(found(matcher.find('Li said the highway port was busy.'))).toEqual([]);
    expect(found(matcher.find('Li Gang runs Khorgos Port. Li said the highway port was busy.'))).toEqual([
      ['Li Gang', LI_GANG], ['Khorgos Port', KHORGOS_PORT], ['Li', LI_GANG], ['the highway port', KHORGOS_PORT],
    ]);
    // The short alias keeps its case: "li" in lowercase is not Li Gang.
    expect(found(matcher.find('Li Gang met li.'))).toEqual([['Li Gang', LI_GANG]]);
  });

  it('gives a shared alias to the entity the article names unambiguously, else to each', () => {
    const shared = createMentionMatcher([
      { entityId: 10, alias: 'Xinjiang' },
      { entityId: 10, alias: 'Xinjiang Uygur Autonomous Region' },
      { entityId: 11, alias: 'Xinjiang' },
      { entityId: 11, alias: 'Xinjiang Province' },
    ]);
    expect(found(shared.find('Xinjiang grew. The Xinjiang Uygur Autonomous Region said so.'))).toEqual([
      ['Xinjiang', 10], ['Xinjiang Uygur Autonomous Region', 10],
    ]);
    expect(found(shared.find('Xinjiang grew.'))).toEqual([['Xinjiang', 10], ['Xinjiang', 11]]);
  });

  it('reads a long article with many aliases in well under a second', () => {
    const many = createMentionMatcher([
      ...aliases,
      ...Array.from({ length: 5000 }, (_, i) => ({ entityId: 1000 + i, alias: `Steppe Depot ${i}` })),
    ]);
    const body = 'Trains from Almaty reached Khorgos Port and Steppe Depot 42 in Kazakhstan. '.repeat(2000);
    const started = performance.now();
    const mentions = many.find(body);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(mentions).toHaveLength(2000 * 4);
  });

  it('finds nothing with no aliases', () => {
    expect(createMentionMatcher([]).find('Almaty')).toEqual([]);
  });
});

describe('candidate entities', () => {
  const propose = (body: string, known: Mention[] = []) => {
    const result = proposeCandidateEntities(body, known);
    for (const mention of result.mentions) expect(slice(body, mention)).toBe(mention.text);
    return result;
  };
  const kinds = (body: string, known: Mention[] = []) =>
    propose(body, known).candidates.map((c) => [c.name, c.kind]);

  it('reads companies from their legal form', () => {
    expect(kinds('Its operator, Almaty Freight Express Co., Ltd., hired staff. Shares of Steppe Rail LLC and JSC Temir Joly Logistics rose.')).toEqual([
      ['Almaty Freight Express Co., Ltd.', 'company'], ['Steppe Rail LLC', 'company'], ['JSC Temir Joly Logistics', 'company'],
    ]);
  });

  it('reads ports, terminals, stations, dry ports and logistics centres from their head word', () => {
    expect(kinds('Goods moved from Aktau Port to the Dostyk Terminal, Altynkol Station, the Korgas Dry Port and the Jinghe Logistics Centre.')).toEqual([
      ['Aktau Port', 'port'], ['Dostyk Terminal', 'terminal'], ['Altynkol Station', 'station'], ['Korgas Dry Port', 'dry_port'], ['Jinghe Logistics Centre', 'logistics_center'],
    ]);
    expect(kinds('Trains stop at Saryagash station and unload at Zhetygen dry port.')).toEqual([
      ['Saryagash station', 'station'], ['Zhetygen dry port', 'dry_port'],
    ]);
  });

  it('reads organisations, including an "of" phrase', () => {
    expect(kinds('The Ministry of Trade and Integration and Nazarbayev University signed, with the Halyk Bank and the Astana Logistics Association.')).toEqual([
      ['Ministry of Trade and Integration', 'organisation'], ['Nazarbayev University', 'organisation'], ['Halyk Bank', 'organisation'], ['Astana Logistics Association', 'organisation'],
    ]);
  });

  it('reads people from a title, an age or a role', () => {
    expect(kinds('President Kassym-Jomart Tokayev spoke. Mr. Dauletov agreed.')).toEqual([
      ['Kassym-Jomart Tokayev', 'person'], ['Dauletov', 'person'],
    ]);
    expect(kinds('Aigerim Bekova, director of the port, said more. The 52-year-old Wang Hua agreed, as did Serik Abenov, a 30-year-old driver.')).toEqual([
      ['Aigerim Bekova', 'person'], ['Wang Hua', 'person'], ['Serik Abenov', 'person'],
    ]);
  });

  it('separates listed names and a person from the body they belong to', () => {
    expect(kinds('Chinese President Li Wen and Kazakh President Aset Nurov met. Professor Dana Omarova of Satbayev University spoke.')).toEqual([
      ['Li Wen', 'person'], ['Aset Nurov', 'person'], ['Dana Omarova', 'person'], ['Satbayev University', 'organisation'],
    ]);
    expect(kinds('Cargo used the Port of Kuryk and Bautino port.')).toEqual([['Port of Kuryk', 'port'], ['Bautino port', 'port']]);
  });

  it('reads a name set off after a title, a place before its province, a site head after describing words', () => {
    expect(kinds('Chairman of the Board of Steppe Rail, Dauren Abayev, resigned.')).toEqual([['Dauren Abayev', 'person']]);
    expect(kinds('Trains stopped in Zharkent, Zhetysu Region, and in Saryozek and Taldykorgan, a small city in the east.')).toEqual([
      ['Zharkent', 'city'], ['Zhetysu Region', 'region'], ['Taldykorgan', 'city'],
    ]);
    expect(kinds('Inspectors at the Altynkol border inspection station and the Middle corridor agreed.')).toEqual([
      ['Altynkol border inspection station', 'station'], ['Middle corridor', 'route'],
    ]);
    expect(kinds('Goods moved between Almaty and its new station, and Aktau to the port.')).toEqual([]);
  });

  it('keeps a "for" phrase, drops a "-based" adjective and reads a company from the noun before it', () => {
    expect(kinds('The Steppe Bank for Trade and Development lent more.')).toEqual([['Steppe Bank for Trade and Development', 'organisation']]);
    expect(kinds('Shares of Tokyo-based Kansai Rail Co. rose, and logistics firm Qazaq Cargo said so.')).toEqual([
      ['Kansai Rail Co.', 'company'], ['Qazaq Cargo', 'company'],
    ]);
  });

  it('reads places only where a pattern says what they are', () => {
    expect(kinds('Trade grew in Hebei Province and the city of Turkestan. Shymkent, a city in the south, grew too; Korla city as well.')).toEqual([
      ['Hebei Province', 'region'], ['Turkestan', 'city'], ['Shymkent', 'city'], ['Korla', 'city'],
    ]);
    expect(kinds('Trade grew in Turkestan, Shymkent and Korla.')).toEqual([]);
  });

  it('proposes no sentence-initial word, month, weekday or nationality adjective', () => {
    expect(kinds('However, trade grew. In March the Chinese terminal opened. Cargo terminal capacity rose on Monday. Officials, directors and The Port agreed.')).toEqual([]);
  });

  it('reads no names from a title-case headline', () => {
    expect(kinds('Rail Freight To Central Asia Hits Record At Border Station')).toEqual([]);
  });

  it('mentions each candidate wherever its name occurs, with unique keys', () => {
    const body = 'Trains reached Altynkol Station on Monday. Altynkol Station then closed; the Altynkol Station yard reopened.';
    const { candidates, mentions } = propose(body);
    expect(candidates).toEqual([{ key: 'altynkol-station', name: 'Altynkol Station', kind: 'station' }]);
    expect(mentions.map((m) => [m.text, idOf(m.entity)])).toEqual([
      ['Altynkol Station', 'altynkol-station'], ['Altynkol Station', 'altynkol-station'], ['Altynkol Station', 'altynkol-station'],
    ]);
    expect(new Set(propose('Aktau Port and Kuryk Port and Aktau Port.').candidates.map((c) => c.key)).size).toBe(2);
  });

  it('does not propose what is already known, or a known name with a legal form added', () => {
    const body = 'Khorgos Port and Khorgos Gateway Co., Ltd. and Nurly Zhol Terminal.';
    const known = createMentionMatcher([
      { entityId: 1, alias: 'Khorgos Port' },
      { entityId: 2, alias: 'Khorgos Gateway' },
    ]).find(body);
    expect(kinds(body, known)).toEqual([['Nurly Zhol Terminal', 'terminal']]);
  });

  it('proposes a new place named after a known one', () => {
    const body = 'Cars left from the Alashankou Dry Port.';
    const known = createMentionMatcher([{ entityId: 1, alias: 'Alashankou' }]).find(body);
    expect(kinds(body, known)).toEqual([['Alashankou Dry Port', 'dry_port']]);
  });

  it('keeps code-point offsets after emoji', () => {
    const body = '📦🚚 Freight reached Aktau Port 🚢 today.';
    const { mentions } = propose(body);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]!.start).toBe(Array.from('📦🚚 Freight reached ').length);
  });
});

describe('corpus recall', () => {
  // A measurement, not a target the rules were fitted to: of the entities the curated data cites
  // (claim subjects, relation ends) in each corpus article, how many the matcher finds there.
  it('finds at least 85 in 100 of the entities the curated data cites in the articles', async () => {
    const plan = planCorpus(await readCorpusFiles(new URL('../db/corpus/', import.meta.url).pathname));
    const idOfSlug = new Map(plan.entities.map((entity, index) => [entity.slug, index + 1]));
    const corpusMatcher = createMentionMatcher(plan.entities.flatMap((entity) =>
      [entity.name, ...entity.aliases].map((alias) => ({ entityId: idOfSlug.get(entity.slug)!, alias }))));
    let cited = 0;
    let found = 0;
    for (const article of plan.articles) {
      const citedHere = new Set<number>();
      for (const claim of plan.claims) {
        if (claim.citations.some((c) => c.sourceKey === article.sourceKey)) claim.subjects.forEach((s) => citedHere.add(idOfSlug.get(s.slug)!));
      }
      for (const relation of plan.relations) {
        if (relation.citations.some((c) => c.sourceKey === article.sourceKey)) {
          citedHere.add(idOfSlug.get(relation.subject)!);
          citedHere.add(idOfSlug.get(relation.object)!);
        }
      }
      const mentioned = new Set(corpusMatcher.find(article.body).map((m) => idOf(m.entity)));
      cited += citedHere.size;
      found += [...citedHere].filter((id) => mentioned.has(id)).length;
    }
    expect(found / cited).toBeGreaterThanOrEqual(0.85);
  });
});
