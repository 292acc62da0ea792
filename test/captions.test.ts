// Image captions: the cleaner keeps them in the body and marks their spans; the loader stores the
// spans and a citation whose quote lies in one says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanArticle } from '../src/ingest/clean.ts';
import { checkIngestInput } from '../src/ingest/ingest-input.ts';
import { planIngest } from '../src/ingest/pipeline.ts';
import { createTestApp, type TestApp } from './support/app.ts';

const PARA = 'Trade between the two countries grew quickly last year, officials said on Monday, citing customs data.';
const spanTexts = (raw: string) => {
  const { body, captions } = cleanArticle(raw);
  const points = Array.from(body);
  return captions.map((c) => points.slice(c.start, c.end).join(''));
};

describe('caption spans from the cleaner', () => {
  it('marks lines told by a photo credit, in code points of the body', () => {
    const captions = [
      'Trucks wait at the 𝔅order crossing in Khorgos on May 3. LI MING/XINHUA',
      'A freight train leaves Almaty. [Photo/Xinhua]',
      'Workers load containers at the dry port. (Photo: Jane Doe)',
      'Photo: A train crosses the steppe near the border.',
      'Visitors tour the terminal. Photo provided to China Daily',
      'Cranes at the port at dusk. WANG HUA / FOR CHINA DAILY',
    ];
    const raw = `Headline of the story\n\n${PARA}\n\n${captions.join('\n\n')}\n\n${PARA}`;
    expect(spanTexts(raw)).toEqual(captions);
  });

  it('leaves running text alone, also with capitals or slashes', () => {
    const raw = [
      PARA,
      'The terminal is run by KTZ/CRCT, a joint venture.',
      'Officials from the EU and the UN/ECE attended the forum, the ministry said.',
      'He said the photo: proved nothing.',
    ].join('\n');
    expect(cleanArticle(raw).captions).toEqual([]);
  });
});

describe('captions of an ingested article', () => {
  it('are planned with its body, for the write to store', () => {
    const caption = 'A freight train leaves Almaty for Khorgos. [Photo/Xinhua]';
    const input = checkIngestInput({ text: `Trains link two cities\n\n${caption}\n\n${PARA}` }, { today: '2026-11-30' });
    const plan = planIngest(input, { aliases: [], kinds: new Map(), metrics: [] });
    const points = Array.from(plan.article.body);
    expect(plan.article.captions.map((c) => points.slice(c.start, c.end).join(''))).toEqual([caption]);
  });
});

describe('citations from captions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ corpus: true });
  });
  afterAll(() => app?.close());

  it('a citation quoting a caption says so; others do not', async () => {
    const result = await app.graphql(`{ relations(kind: WORKS_FOR, first: 100) { edges { node { citations { quote fromCaption } } } }
      claims(first: 100) { edges { node { citations { fromCaption } } } } }`);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const citations = (result.data as any).relations.edges.flatMap((e: any) => e.node.citations);
    expect(citations.find((c: any) => c.quote === 'CHEN SHUO/XINHUA')?.fromCaption).toBe(true);
    expect(citations.filter((c: any) => c.fromCaption).map((c: any) => c.quote)).toEqual(['CHEN SHUO/XINHUA']);
    const claimCitations = (result.data as any).claims.edges.flatMap((e: any) => e.node.citations);
    expect(claimCitations.length).toBeGreaterThan(0);
  });

  it('stores the caption spans with the body', async () => {
    const rows = await app.db.selectFrom('article_captions').innerJoin('articles', 'articles.id', 'article_captions.article_id')
      .select(['articles.source_key', 'articles.body', 'article_captions.start_offset', 'article_captions.end_offset']).execute();
    expect(rows.length).toBe(1);
    const text = Array.from(rows[0]!.body).slice(rows[0]!.start_offset, rows[0]!.end_offset).join('');
    expect(text.endsWith('CHEN SHUO/XINHUA')).toBe(true);
    expect(text.startsWith('Ferrywoman Gao Yun')).toBe(true);
  });
});
