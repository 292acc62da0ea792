// The ordered list of migrations, imported statically so they run the same under tsx, tests and Docker.
import type { Migration } from 'kysely';
import * as knowledgeGraph from './2026-11-25-01-knowledge-graph.ts';
import * as search from './2026-11-25-02-search.ts';
import * as claimFilters from './2026-11-25-03-claim-filters.ts';
import * as curation from './2026-11-29-01-curation.ts';
import * as units from './2026-11-30-01-units.ts';
import * as ingest from './2026-11-30-02-ingest.ts';
import * as qualifiers from './2026-11-30-03-qualifiers.ts';
import * as captions from './2026-11-30-04-captions.ts';
import * as entityOrderIndexes from './2026-11-30-05-entity-order-indexes.ts';
import * as searchFoldColumn from './2026-11-30-06-search-fold-column.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-25-01-knowledge-graph': knowledgeGraph,
  '2026-11-25-02-search': search,
  '2026-11-25-03-claim-filters': claimFilters,
  '2026-11-29-01-curation': curation,
  '2026-11-30-01-units': units,
  '2026-11-30-02-ingest': ingest,
  '2026-11-30-03-qualifiers': qualifiers,
  '2026-11-30-04-captions': captions,
  '2026-11-30-05-entity-order-indexes': entityOrderIndexes,
  '2026-11-30-06-search-fold-column': searchFoldColumn,
};
