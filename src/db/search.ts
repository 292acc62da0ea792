// Search: typo-tolerant entity names (pg_trgm), full text over articles and claims, and the ranked
// mix of all three behind a search box. Every score is a number from 0 to 1 (see searchGraph).
import anyAscii from 'any-ascii';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { normalizeName } from '../domain/vocabulary.ts';
import { articleKnownAsOf, claimKnownAsOf, entityKnownAsOf, type AsOf } from './scope.ts';
import type { Database } from './types.ts';
import { entityVisible, statusVisible } from './visibility.ts';

/** Scores are rounded to 4 decimals, so that ties are ties and the order is the one clients see. */
export function roundScore(score: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`round((${score})::numeric, 4)::float8`;
}

/** The words of a search box as a tsquery ("quoted phrases", or, -not); empty when it has no lexemes. */
export function webSearchQuery(text: string): RawBuilder<string> {
  return sql<string>`websearch_to_tsquery('english', ${text})`;
}

/** Snippets are shown as HTML: the source text is escaped so that only the <mark> tags are markup. */
export function escapeHtml(text: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`replace(replace(replace(${text}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
}

/** The passages of an article that match, matched words in <mark>: two fragments of 15 to 35 words. */
export function articleHeadline(body: RawBuilder<unknown>, tsQuery: RawBuilder<string>): RawBuilder<string> {
  return sql<string>`ts_headline('english', ${escapeHtml(body)}, ${tsQuery},
    'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "')`;
}

/**
 * How well a search matches each entity: its best-matching name or alias, one row per entity.
 * `search` is normalised (normalizeName) and not empty. Candidates come from the trigram indexes,
 * `%` (similarity) and `<%` (word similarity: the query is close to a run of whole words), on the
 * stored form and on its transliteration-folded form (search_fold, kept in entity_aliases.folded).
 * An alias scores the mean of its similarity and word similarity, so that of several aliases containing the query as a word
 * the shortest ranks first ("horgos": the city Khorgos before "Khorgos Port"; "ktz": the company
 * called KTZ before the companies with KTZ in their names). Folded forms count 0.95, so an exact
 * spelling outranks a variant that only folds to it.
 */
export function entityMatches(db: Kysely<Database>, search: string) {
  const name = sql`entity_aliases.normalized`;
  const foldedName = sql`entity_aliases.folded`;
  // Other scripts are compared in Latin transliteration (any-ascii): "Алматы" meets "Almaty".
  const folded = sql`search_fold(${normalizeName(anyAscii(search))})`;
  const score = (a: RawBuilder<unknown>, q: RawBuilder<unknown>) =>
    sql`(similarity(${a}, ${q})::float8 + word_similarity(${q}, ${a})::float8) / 2`;
  return db
    .selectFrom('entity_aliases')
    .distinctOn('entity_aliases.entity_id')
    .select([
      'entity_aliases.entity_id',
      'entity_aliases.alias',
      roundScore(sql`greatest(${score(name, sql`${search}`)}, 0.95 * ${score(foldedName, folded)})`).as('score'),
    ])
    // prefer_trigram_index: a planner hint (always true, declared costly), see its migration.
    .where(sql<boolean>`(${name} % ${search} or ${search} <% ${name} or ${foldedName} % ${folded} or ${folded} <% ${foldedName})
      and prefer_trigram_index(entity_aliases.normalized)`)
    .orderBy('entity_aliases.entity_id')
    .orderBy('score', 'desc')
    .orderBy('entity_aliases.alias');
}

/**
 * The ids a CTE matched, as an array for `= any(...)`: the planner cannot guess how many there are
 * (trigram estimates run ten times high), so it looks each one up by index instead of hashing a
 * whole table to join a handful of rows.
 */
function matchedIds(column: RawBuilder<unknown>, cte: RawBuilder<unknown>): RawBuilder<number[]> {
  return sql<number[]>`array(select ${column} from ${cte})`;
}

export type SearchResultKind = 'Entity' | 'Claim' | 'Article';

export interface SearchHitRow {
  kind: SearchResultKind;
  id: number;
  score: number;
  /** HTML: the matched alias, quote or passage with the matches in <mark>. */
  snippet: string | null;
}

export interface SearchOptions {
  first: number;
  kinds: readonly SearchResultKind[];
  /** Only what was known by this date (see scope.ts): entities, claims and articles alike. */
  asOf?: AsOf;
}

/**
 * The best `first` entities, claims and articles for a search box, best first. Only what lists show
 * by default is found: curated claims, and curated entities that were not merged away.
 *
 * Scores are made comparable on a 0..1 scale: entities keep their trigram score (see entityMatches);
 * full-text ranks use ts_rank_cd's normalisation 32, rank / (rank + 1), so they too lie in 0..1.
 * Articles weigh title words 1.0 and body words 0.4 (weights A and B). A claim scores the best of:
 * its quotes ranked as body text (0.4 a word), its metric key ranked as a title (1.0), and half the
 * score of its best-matching subject entity, so that a figure about "Khorgos" ranks after Khorgos.
 */
export async function searchGraph(db: Kysely<Database>, text: string, options: SearchOptions): Promise<SearchHitRow[]> {
  const kinds = new Set(options.kinds);
  if (options.first === 0 || kinds.size === 0) return [];
  const name = normalizeName(text);
  const tsQuery = webSearchQuery(text);
  const first = sql.lit(options.first);
  // A query with no letter or digit ("!!!") has no name to match.
  const matchNames = name !== '' && (kinds.has('Entity') || kinds.has('Claim'));
  const asOf = options.asOf ?? null;
  const knownAsOf = (known: (date: string) => RawBuilder<boolean>) => (asOf === null ? sql`` : sql`and ${known(asOf)}`);

  const ctes: RawBuilder<unknown>[] = [];
  const parts: RawBuilder<unknown>[] = [];
  if (matchNames) ctes.push(sql`entity_matches as (${entityMatches(db, name)})`);

  if (kinds.has('Entity') && matchNames) {
    ctes.push(sql`entity_hits as (
      select 'Entity'::text as kind, m.entity_id as id, m.score, m.alias as matched
      from entity_matches m join entities on entities.id = m.entity_id
      where entities.id = any(${matchedIds(sql`entity_id`, sql`entity_matches`)})
        and ${entityVisible('entities')} ${knownAsOf(entityKnownAsOf)}
      order by m.score desc, entities.name, entities.id limit ${first})`);
    parts.push(sql`select * from entity_hits`);
  }
  if (kinds.has('Article')) {
    ctes.push(sql`article_hits as (
      select 'Article'::text as kind, articles.id, ${roundScore(sql`ts_rank_cd(articles.search_vector, ${tsQuery}, 32)`)} as score,
             null::text as matched
      from articles where articles.search_vector @@ ${tsQuery} ${knownAsOf(articleKnownAsOf)}
      order by score desc, articles.published_on desc nulls last, articles.id limit ${first})`);
    parts.push(sql`select * from article_hits`);
  }
  if (kinds.has('Claim')) {
    const bySubject = !matchNames
      ? sql``
      : sql`union all
        select claim_subjects.claim_id, 0.5 * entity_matches.score
        from claim_subjects join entity_matches on entity_matches.entity_id = claim_subjects.entity_id
        where claim_subjects.entity_id = any(${matchedIds(sql`entity_id`, sql`entity_matches`)})`;
    ctes.push(sql`claim_matches as (
      select matches.claim_id, max(matches.score) as score
      from (
        select citations.claim_id, ts_rank_cd('{0.4,0.4,0.4,0.4}', to_tsvector('english', citations.quote), ${tsQuery}, 32) as score
        from citations join articles on articles.id = citations.article_id
        where citations.claim_id is not null and to_tsvector('english', citations.quote) @@ ${tsQuery}
          ${knownAsOf(articleKnownAsOf)}
        union all
        select claims.id, ts_rank_cd('{1,1,1,1}', to_tsvector('english', replace(claims.metric, '_', ' ')), ${tsQuery}, 32)
        from claims
        where to_tsvector('english', replace(claims.metric, '_', ' ')) @@ ${tsQuery}
        ${bySubject}
      ) as matches
      group by matches.claim_id)`);
    ctes.push(sql`claim_hits as (
      select 'Claim'::text as kind, claims.id, ${roundScore(sql`claim_matches.score`)} as score, null::text as matched
      from claim_matches join claims on claims.id = claim_matches.claim_id
      where claims.id = any(${matchedIds(sql`claim_id`, sql`claim_matches`)})
        and ${statusVisible('claims')} ${knownAsOf(claimKnownAsOf)}
      order by score desc, claims.id limit ${first})`);
    parts.push(sql`select * from claim_hits`);
  }
  if (parts.length === 0) return [];

  const quoteRank = sql`ts_rank_cd(to_tsvector('english', citations.quote), ${tsQuery})`;
  const result = await sql<SearchHitRow>`
    with ${sql.join(ctes)},
    hits as (${sql.join(parts, sql` union all `)} order by score desc, kind, id limit ${first})
    select hits.kind, hits.id, hits.score,
      case hits.kind
        when 'Entity' then '<mark>' || ${escapeHtml(sql`hits.matched`)} || '</mark>'
        when 'Article' then (select ${articleHeadline(sql`articles.body`, tsQuery)} from articles where articles.id = hits.id)
        -- The quote that matches best, or the first one when the claim matched by its metric or subject.
        when 'Claim' then (
          select ts_headline('english', ${escapeHtml(sql`citations.quote`)}, ${tsQuery},
                             'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')
          from citations join articles on articles.id = citations.article_id
          where citations.claim_id = hits.id ${knownAsOf(articleKnownAsOf)}
          order by ${quoteRank} desc, citations.article_id, citations.start_offset limit 1)
      end as snippet
    from hits
    order by hits.score desc, hits.kind, hits.id`.execute(db);
  return result.rows;
}
