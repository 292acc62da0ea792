// Image captions of an article body: spans of lines that caption a picture (the cleaner marks them
// by their photo credit), kept in the body but not its running text, so a citation can say its
// quote comes from a caption. Frozen once released: later changes are new migrations. Imports kysely only.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('article_captions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // Code points, as citation offsets count.
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addUniqueConstraint('article_captions_article_start_key', ['article_id', 'start_offset'])
    .addCheckConstraint('article_captions_offsets_ordered', sql`start_offset >= 0 and end_offset > start_offset`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_captions').execute();
}
