// createApp(config): the database (migrated) and the yoga app around the schema; no listening.
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Context } from './context.ts';
import { createDatabase, type DatabaseOptions } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Database } from './db/types.ts';
import { schema } from './schema/index.ts';

export interface App {
  yoga: YogaServerInstance<Record<string, never>, Context>;
  db: Kysely<Database>;
  close(): Promise<void>;
}

export function createYogaFor(db: Kysely<Database>): App['yoga'] {
  return createYoga<Record<string, never>, Context>({
    schema,
    // A fresh object per request: the dataloader plugin keys its per-request caches to it.
    context: (): Context => ({ db }),
    graphiql: { title: 'China–Central Asia corridor graph', defaultQuery: EXAMPLE_QUERY },
    landingPage: false,
    // Masked errors stay on: only GraphQLErrors thrown on purpose reach the client.
    maskedErrors: true,
  });
}

export async function createApp(config: Config, options: DatabaseOptions = {}): Promise<App> {
  const db = await createDatabase(config, options);
  await migrateToLatest(db);
  return { yoga: createYogaFor(db), db, close: () => db.destroy() };
}

export const EXAMPLE_QUERY = `# Company -> terminals it operates -> figures about them -> the articles that state them
{
  entities(search: "KTZ", kind: COMPANY, first: 5) {
    edges {
      node {
        name
        relations(kind: OPERATES_TERMINAL) {
          edges {
            node {
              object {
                name
                claims(first: 20) {
                  edges {
                    node {
                      metric value unit hedge
                      period { text start end }
                      citations { quote article { title publishedAt } }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
`;
