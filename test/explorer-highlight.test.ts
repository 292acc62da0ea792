// The article page's highlighter: body + quote spans + mention spans -> paragraphs of segments.
import { describe, expect, it } from 'vitest';
import { nonOverlappingMentions, segmentBody, type Paragraph } from '../src/explorer/article/highlight.ts';

/** The text of the segments, paragraphs joined by '|'. */
const textOf = (paragraphs: Paragraph[]) => paragraphs.map((p) => p.segments.map((s) => s.text).join('')).join('|');
const shape = (paragraphs: Paragraph[]) =>
  paragraphs.map((p) => p.segments.map((s) => [s.text, s.citationIds.join(','), s.mention?.entityId ?? ''] as const));

describe('segmentBody', () => {
  it('gives a body without spans as its paragraphs, newline runs as breaks', () => {
    const paragraphs = segmentBody('First line.\n\nSecond line.\nThird.', []);
    expect(textOf(paragraphs)).toBe('First line.|Second line.|Third.');
    expect(paragraphs.map((p) => p.start)).toEqual([0, 13, 26]);
  });

  it('marks a quote at its offsets', () => {
    const paragraphs = segmentBody('Khorgos handled 1,000 trains.', [{ id: 'a', start: 16, end: 28 }]);
    expect(shape(paragraphs)).toEqual([[['Khorgos handled ', '', ''], ['1,000 trains', 'a', ''], ['.', '', '']]]);
  });

  it('splits overlapping quotes into segments, each with every quote that covers it, the shortest first', () => {
    const body = 'abcdefghij';
    const paragraphs = segmentBody(body, [
      { id: 'long', start: 0, end: 6 },
      { id: 'inner', start: 2, end: 4 },
      { id: 'cross', start: 5, end: 9 },
    ]);
    expect(shape(paragraphs)).toEqual([
      [
        ['ab', 'long', ''],
        ['cd', 'inner,long', ''],
        ['e', 'long', ''],
        ['f', 'cross,long', ''],
        ['ghi', 'cross', ''],
        ['j', '', ''],
      ],
    ]);
  });

  it('puts the current quote first wherever it is covered', () => {
    const paragraphs = segmentBody('abcdef', [{ id: 'outer', start: 0, end: 6 }, { id: 'inner', start: 2, end: 4 }], [], 'outer');
    expect(paragraphs[0]!.segments.map((s) => s.citationIds[0])).toEqual(['outer', 'outer', 'outer']);
  });

  it('links mentions, split where a quote starts or ends inside them, never losing text', () => {
    const body = 'KTZ operates the Khorgos Gateway dry port.';
    const paragraphs = segmentBody(
      body,
      [{ id: 'q', start: 0, end: 24 }],
      [{ entityId: 'ktz', start: 0, end: 3 }, { entityId: 'gateway', start: 17, end: 32 }],
    );
    expect(shape(paragraphs)).toEqual([
      [
        ['KTZ', 'q', 'ktz'],
        [' operates the ', 'q', ''],
        ['Khorgos', 'q', 'gateway'],
        [' Gateway', '', 'gateway'],
        [' dry port.', '', ''],
      ],
    ]);
    expect(textOf(paragraphs)).toBe(body);
  });

  it('counts offsets in code points, not UTF-16 units', () => {
    // The emoji is one code point and two UTF-16 units; "port" is at code points 8-12.
    const body = 'Photo 📷 port\n\n😀 quay';
    const paragraphs = segmentBody(body, [{ id: 'p', start: 8, end: 12 }, { id: 'q', start: 16, end: 20 }]);
    expect(shape(paragraphs)).toEqual([
      [['Photo 📷 ', '', ''], ['port', 'p', '']],
      [['😀 ', '', ''], ['quay', 'q', '']],
    ]);
  });

  it('splits a quote that runs across a paragraph break, dropping only the newlines', () => {
    const paragraphs = segmentBody('Title\nBody text', [{ id: 'x', start: 2, end: 9 }]);
    expect(shape(paragraphs)).toEqual([
      [['Ti', '', ''], ['tle', 'x', '']],
      [['Bod', 'x', ''], ['y text', '', '']],
    ]);
  });

  it('ignores empty and out-of-range spans and clamps those running past the end', () => {
    const paragraphs = segmentBody('abc', [
      { id: 'empty', start: 1, end: 1 },
      { id: 'outside', start: 5, end: 9 },
      { id: 'tail', start: 2, end: 99 },
    ]);
    expect(shape(paragraphs)).toEqual([[['ab', '', ''], ['c', 'tail', '']]]);
  });

  it('keeps the text of any body whatever the spans (random spans)', () => {
    const body = 'Alpha beta 😀 gamma\ndelta\n\nepsilon zeta eta theta';
    const length = Array.from(body).length;
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round += 1) {
      const span = () => {
        const a = random(length + 1);
        const b = random(length + 1);
        return { start: Math.min(a, b), end: Math.max(a, b) };
      };
      const citations = Array.from({ length: random(6) }, (_, i) => ({ id: `c${i}`, ...span() }));
      const mentions = Array.from({ length: random(4) }, (_, i) => ({ entityId: `e${i}`, ...span() }));
      const paragraphs = segmentBody(body, citations, mentions);
      expect(paragraphs.map((p) => p.segments.map((s) => s.text).join('')).join('')).toBe(body.replace(/\n+/g, ''));
      for (const segment of paragraphs.flatMap((p) => p.segments)) {
        const expected = citations.filter((c) => c.start <= segment.start && segment.end <= c.end).map((c) => c.id);
        expect([...segment.citationIds].sort()).toEqual(expected.sort());
      }
    }
  });
});

describe('nonOverlappingMentions', () => {
  it('keeps the longest of mentions starting together and drops those inside or across a kept one', () => {
    const kept = nonOverlappingMentions([
      { entityId: 'khorgos', start: 0, end: 7 },
      { entityId: 'gateway', start: 0, end: 15 },
      { entityId: 'across', start: 10, end: 20 },
      { entityId: 'after', start: 20, end: 25 },
    ]);
    expect(kept.map((m) => m.entityId)).toEqual(['gateway', 'after']);
  });
});
