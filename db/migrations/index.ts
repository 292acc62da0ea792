// The ordered list of migrations, imported statically so they run the same under tsx, tests and Docker.
import type { Migration } from 'kysely';
import * as knowledgeGraph from './2026-11-25-01-knowledge-graph.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-25-01-knowledge-graph': knowledgeGraph,
};
