// npm run ingest -- FILE... [--title T] [--publisher P] [--byline B] [--published YYYY-MM-DD] [--url U] [--language L]
// Ingests article files into the configured database (PGlite or DATABASE_URL) with the same pipeline
// and write as the ingestArticle mutation, recorded in the audit trail as "cli:<os user>" (editor).
// A file's metadata: a front-matter block at its top (--- key: value ---), else a sidecar FILE.json /
// FILE.yaml (or with FILE's extension replaced), else the options. An empty database gets the bundled
// corpus first (unless SEED_ON_START=false), as the server would. On PGlite, stop the server first.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../src/config.ts';
import { appendAuditEvent } from '../src/db/audit.ts';
import { createDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { IngestCounts } from '../src/db/writes/ingest.ts';
import { globalIdOf } from '../src/domain/global-ids.ts';
import { ValidationError } from '../src/domain/errors.ts';
import { ingestArticle, type Transact } from '../src/ingest/ingest-article.ts';
import { checkIngestInput, type IngestInput } from '../src/ingest/ingest-input.ts';
import { loadCorpusIfEmpty } from '../src/ingest/load-corpus.ts';

const USAGE = `usage: npm run ingest -- FILE... [--title T] [--publisher P] [--byline B] [--published YYYY-MM-DD] [--url U] [--language L]

Each FILE is an article's text as collected. Its metadata, most specific first:
  a front-matter block at the top of the file     ---
                                                  title: ...
                                                  published: 2025-05-12
                                                  ---
  a sidecar file FILE.json, FILE.yaml (or FILE with its extension replaced by .json/.yaml/.yml),
  with the same keys (title, publisher, byline, published, url, language), or an "article:" section
  as the corpus data files have;
  the options above, for every file (--title and --url only with one FILE).
A file whose content or URL is stored already is reported as existing and left as it is.`;

/** Metadata keys a file may give, and the input field each fills. */
const KEYS: Record<string, keyof Omit<IngestInput, 'text'>> = {
  title: 'title', publisher: 'publisher', byline: 'byline', url: 'url', language: 'language',
  published: 'publishedOn', publishedAt: 'publishedOn', publishedOn: 'publishedOn', date: 'publishedOn',
};
/** The option (or file key) a ValidationError's input field stands for. */
const OPTION_OF: Record<string, string> = {
  'input.text': 'text', 'input.title': 'title', 'input.publisher': 'publisher', 'input.byline': 'byline',
  'input.publishedAt': 'published', 'input.url': 'url', 'input.language': 'language',
};

type Metadata = Partial<Omit<IngestInput, 'text'>>;

class FileProblem extends Error {}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The metadata a mapping gives; a corpus data file's "article:" section is read the same way. */
function metadataOf(data: unknown, where: string): Metadata {
  if (data === null || data === undefined) return {};
  if (!isMapping(data)) throw new FileProblem(`${where}: must be a mapping of ${Object.keys(KEYS).join(', ')}`);
  const corpusArticle = isMapping(data.article);
  const fields = corpusArticle ? (data.article as Record<string, unknown>) : data;
  const metadata: Metadata = {};
  for (const [key, value] of Object.entries(fields)) {
    const field = KEYS[key];
    if (!field) {
      // A corpus data file's article section has fields ingest does not take (publishedText).
      if (corpusArticle) continue;
      throw new FileProblem(`${where}: unknown key "${key}" (known: ${Object.keys(KEYS).join(', ')})`);
    }
    if (value === null || value === undefined) continue;
    // YAML reads an unquoted 2025-05-12 as a date.
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    if (typeof text !== 'string' && typeof text !== 'number') throw new FileProblem(`${where}: "${key}" must be text`);
    metadata[field] = String(text);
  }
  return metadata;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The file's text without its front matter, and the metadata that front matter or a sidecar gives. */
async function readArticleFile(file: string): Promise<{ text: string; metadata: Metadata; source: string | null }> {
  const raw = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new FileProblem(error.code === 'ENOENT' ? 'no such file' : error.message);
  });
  const front = FRONT_MATTER.exec(raw);
  if (front) {
    let data: unknown;
    try {
      data = parseYaml(front[1]!);
    } catch (error) {
      throw new FileProblem(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    return { text: raw.slice(front[0].length), metadata: metadataOf(data, 'front matter'), source: 'front matter' };
  }
  const stem = extname(file) ? file.slice(0, -extname(file).length) : null;
  const sidecars = [`${file}.json`, `${file}.yaml`, `${file}.yml`, ...(stem ? [`${stem}.json`, `${stem}.yaml`, `${stem}.yml`] : [])];
  for (const sidecar of sidecars) {
    const content = await readFile(sidecar, 'utf8').catch(() => null);
    if (content === null) continue;
    let data: unknown;
    try {
      // JSON is YAML, so one parser reads both.
      data = parseYaml(content);
    } catch (error) {
      throw new FileProblem(`${basename(sidecar)} is not valid ${sidecar.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
    }
    return { text: raw, metadata: metadataOf(data, basename(sidecar)), source: basename(sidecar) };
  }
  return { text: raw, metadata: {}, source: null };
}

interface Outcome {
  file: string;
  result: 'created' | 'existing' | 'failed';
  article: string | null;
  title: string | null;
  counts: IngestCounts | null;
  note: string;
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

function table(outcomes: readonly Outcome[]): string {
  const header = ['file', 'result', 'article', 'mentions', 'entities', 'claims', 'relations', 'title / problem'];
  const rows = outcomes.map((o) => [
    o.file, o.result, o.article ?? '-',
    ...(o.counts ? [o.counts.mentions, o.counts.candidateEntities, o.counts.candidateClaims, o.counts.candidateRelations].map(String) : ['-', '-', '-', '-']),
    o.result === 'failed' ? o.note : (o.title ?? '(no title)'),
  ]);
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function run(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        title: { type: 'string' }, publisher: { type: 'string' }, byline: { type: 'string' }, published: { type: 'string' },
        url: { type: 'string' }, language: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { positionals: files, values } = parsed;
  if (values.help || files.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (files.length > 1 && (values.title !== undefined || values.url !== undefined)) {
    console.error(`--title and --url name one article: give them with one FILE (or in each file's front matter or sidecar).\n\n${USAGE}`);
    return 2;
  }
  const options: Metadata = {
    title: values.title, publisher: values.publisher, byline: values.byline, publishedOn: values.published, url: values.url,
    language: values.language,
  };

  const config = loadConfig();
  const db = await createDatabase(config);
  const outcomes: Outcome[] = [];
  try {
    await migrateToLatest(db);
    // As the server does on first start: once an article is stored, the corpus would never be loaded.
    if (config.seedOnStart && (await loadCorpusIfEmpty(db))) console.log('loaded the bundled corpus into the empty database first');
    const by = { actor: `cli:${userInfo().username}`, role: 'editor', requestId: null };
    const transact: Transact = (work) => db.transaction().execute((trx) => work({ trx, audit: (event) => appendAuditEvent(trx, by, event) }));
    const today = new Date().toISOString().slice(0, 10);

    for (const [index, file] of files.entries()) {
      const started = performance.now();
      const prefix = `[${index + 1}/${files.length}] ${file}:`;
      try {
        const { text, metadata, source } = await readArticleFile(file);
        const defined = (m: Metadata) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Metadata;
        let input: IngestInput;
        try {
          input = checkIngestInput({ ...defined(options), ...defined(metadata), text }, { today, maxChars: config.limits.ingestChars });
        } catch (error) {
          if (error instanceof ValidationError) throw new FileProblem(`${OPTION_OF[error.field] ?? error.field}: ${error.message}`);
          throw error;
        }
        const result = await ingestArticle(db, input, transact);
        const article = globalIdOf('Article', result.article.id);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const from = source ? `; metadata from ${source}` : '';
        if (result.created) {
          const c = result.counts;
          console.log(`${prefix} created ${article} "${result.article.title ?? '(no title)'}": ${plural(c.mentions, 'mention')}, ` +
            `${plural(c.candidateEntities, 'candidate entity', 'candidate entities')}, ${plural(c.candidateClaims, 'candidate claim')}, ` +
            `${plural(c.candidateRelations, 'candidate relation')} (${seconds} s${from})`);
        } else {
          console.log(`${prefix} exists already as ${article} "${result.article.title ?? '(no title)'}" (same content or URL); nothing written`);
        }
        outcomes.push({
          file, result: result.created ? 'created' : 'existing', article, title: result.article.title,
          counts: result.created ? result.counts : null, note: '',
        });
      } catch (error) {
        // Nothing of a failed file is written (one transaction); the next file is tried all the same.
        const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        console.log(`${prefix} failed: ${message}`);
        outcomes.push({ file, result: 'failed', article: null, title: null, counts: null, note: message });
      }
    }
  } finally {
    await db.destroy();
  }

  const count = (result: Outcome['result']) => outcomes.filter((o) => o.result === result).length;
  console.log(`\n${table(outcomes)}\n\n${plural(outcomes.length, 'file')}: ${count('created')} created, ${count('existing')} existing, ${count('failed')} failed`);
  return count('failed') > 0 ? 1 : 0;
}

process.exitCode = await run();
