// Reading merges: where a merged-away entity now lives (its survivor, at the end of a chain of merges)
// and which entities were merged into a survivor.
import { sql, type Kysely } from 'kysely';
import type { Database, EntityRow } from './types.ts';

/**
 * How many merges a redirect follows (A into B, then B into C: A leads to C). A chain cannot loop,
 * since nothing merges into an entity already merged away; the bound only keeps a query finite.
 */
export const MAX_MERGE_CHAIN = 32;

/** For each merged-away id, the entity at the end of its chain of merges. */
export async function findSurvivorsOf(db: Kysely<Database>, mergedIds: readonly number[]): Promise<Map<number, EntityRow>> {
  if (mergedIds.length === 0) return new Map();
  const { rows } = await sql<EntityRow & { start_id: number }>`
    with recursive chain (start_id, id, hops) as (
      select id, merged_into, 1 from entities where id in (${sql.join(mergedIds)}) and merged_into is not null
      union all
      select chain.start_id, entities.merged_into, chain.hops + 1
      from chain join entities on entities.id = chain.id
      where entities.merged_into is not null and chain.hops < ${MAX_MERGE_CHAIN}
    )
    select distinct on (chain.start_id) chain.start_id, entities.*
    from chain join entities on entities.id = chain.id
    order by chain.start_id, chain.hops desc`.execute(db);
  return new Map(rows.map(({ start_id, ...entity }) => [start_id, entity]));
}

/** Entities merged into each survivor, directly or through an entity merged into it, by id. */
export async function findMergedIdsBySurvivorIds(
  db: Kysely<Database>,
  survivorIds: readonly number[],
): Promise<Array<{ survivor_id: number; merged_id: number }>> {
  if (survivorIds.length === 0) return [];
  const { rows } = await sql<{ survivor_id: number; merged_id: number }>`
    with recursive merged (survivor_id, merged_id, hops) as (
      select merged_into, id, 1 from entities where merged_into in (${sql.join(survivorIds)})
      union all
      select merged.survivor_id, entities.id, merged.hops + 1
      from merged join entities on entities.merged_into = merged.merged_id
      where merged.hops < ${MAX_MERGE_CHAIN}
    )
    select survivor_id, merged_id from merged order by survivor_id, merged_id`.execute(db);
  return rows;
}
