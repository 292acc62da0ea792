// Title, byline and publication date an article states near its top, on texts of their own.
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../src/ingest/clean.ts';
import { readStatedMetadata } from '../src/ingest/metadata.ts';

const read = (raw: string) => readStatedMetadata(raw, cleanArticle(raw).body);

describe('stated metadata', () => {
  it('reads a title, a byline and an ISO date with its time from a header block', () => {
    const raw = [
      'Dry port volumes climb in Kazakhstan',
      '',
      'New terminals ease pressure on the border crossings',
      '',
      'By Aigerim Bekova and Wang Hua | Steppe Daily | Updated: 2025-03-07 14:05',
      'ALMATY -- Freight volumes rose again this spring.',
    ].join('\n');
    expect(read(raw)).toEqual({
      title: 'Dry port volumes climb in Kazakhstan',
      byline: 'Aigerim Bekova and Wang Hua',
      publishedOn: '2025-03-07',
      publishedText: '2025-03-07 14:05',
    });
  });

  it('reads a written-out date with a time before it, and a dateline', () => {
    expect(read('Rail freight sets a record\n\nAgency) 08:15, March 7, 2025\n\nText follows here.')).toMatchObject({
      publishedOn: '2025-03-07', publishedText: '08:15, March 7, 2025',
    });
    const dateline = 'ASTANA, Sept. 18, 2025 (Agency) -- Kazakhstan and China signed an agreement on Thursday to expand rail links across the border, officials said, in a deal covering new tracks and terminals.';
    expect(read(dateline)).toEqual({ title: null, byline: null, publishedOn: '2025-09-18', publishedText: 'Sept. 18, 2025' });
    expect(read('Published on 7 March 2025\nThe port grew.')).toMatchObject({ publishedOn: '2025-03-07', publishedText: '7 March 2025' });
  });

  it('falls back on a collector\'s "date YYYY-MM-DD" prefix, as the cleaner removes it', () => {
    expect(read(' date 2024-11-02 Border crossing reopens after repairs\n\nTrucks queued.')).toEqual({
      title: 'Border crossing reopens after repairs', byline: null, publishedOn: '2024-11-02', publishedText: 'date 2024-11-02',
    });
  });

  it('states nothing it was not told: no heading, no byline, no date', () => {
    expect(read('Trucks queued at the border on Monday, officials said.\nThe port reopened later.')).toEqual({
      title: null, byline: null, publishedOn: null, publishedText: null,
    });
  });

  it('reads no date from a sentence, from a date without a year, or from an impossible date', () => {
    expect(read('Fair to open soon\nThe fair opens on May 2, 2025, in Almaty.').publishedOn).toBeNull();
    expect(read('ALMATY, Feb. 20 (Agency) -- Trade rose in the first two months of the year, with trains carrying more cargo than ever before across the border crossings.').publishedOn).toBeNull();
    expect(read('Port news\nUpdated: 2025-02-30 10:00').publishedOn).toBeNull();
  });

  it('reads no byline from a sentence that starts with "By"', () => {
    expect(read('Port news\nBy 2025, volumes doubled.').byline).toBeNull();
    expect(read('Port news\nBy the end of the year, volumes doubled.').byline).toBeNull();
    expect(read('Port news\nEditor/Wang Hua').byline).toBeNull();
  });
});
