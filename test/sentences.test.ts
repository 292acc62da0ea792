// Sentence splitting: abbreviations, initials, decimals, quotes and paragraph breaks, with spans in
// code points that slice the body exactly.
import { describe, expect, it } from 'vitest';
import { codePointIndex, splitSentences } from '../src/ingest/sentences.ts';

const texts = (body: string) => splitSentences(body).map((s) => s.text);

describe('splitSentences', () => {
  it('splits at full stops, question and exclamation marks followed by a new sentence', () => {
    expect(texts('Trade grew. Exports fell! Why? Because prices rose.')).toEqual([
      'Trade grew.', 'Exports fell!', 'Why?', 'Because prices rose.',
    ]);
  });

  it('keeps company suffixes, titles, "No." and initials inside the sentence', () => {
    expect(texts('Silk Road Freight Co., Ltd. is its operator. Mr. Wang met Dr. A. B. Smith at No. 3 berth in Feb. 2024.')).toEqual([
      'Silk Road Freight Co., Ltd. is its operator.',
      'Mr. Wang met Dr. A. B. Smith at No. 3 berth in Feb. 2024.',
    ]);
  });

  it('ends a sentence at "Co." or "Ltd." when a typical sentence opener follows', () => {
    expect(texts('The contract went to Steppe Cargo Co. The company starts in May.')).toEqual([
      'The contract went to Steppe Cargo Co.', 'The company starts in May.',
    ]);
    expect(texts('Shares of Steppe Cargo Co. Almaty rose.')).toEqual(['Shares of Steppe Cargo Co. Almaty rose.']);
  });

  it('does not split decimals, "U.S." before a lowercase word, or e.g.', () => {
    expect(texts('Trade reached 3.5 billion U.S. dollars, e.g. in grain. It was 2.7 percent more.')).toEqual([
      'Trade reached 3.5 billion U.S. dollars, e.g. in grain.', 'It was 2.7 percent more.',
    ]);
  });

  it('keeps closing quotes with their sentence and splits before an opening quote', () => {
    expect(texts('"We are ready," he said. "Trade will grow." She agreed.')).toEqual([
      '"We are ready," he said.', '"Trade will grow."', 'She agreed.',
    ]);
    expect(texts('He called it a “new era.” Officials agreed.')).toEqual(['He called it a “new era.”', 'Officials agreed.']);
  });

  it('ends a sentence at every line break, punctuated or not', () => {
    expect(texts('Headline without a full stop\nFirst paragraph. Second sentence.\n\nLast one')).toEqual([
      'Headline without a full stop', 'First paragraph.', 'Second sentence.', 'Last one',
    ]);
  });

  it('splits after CJK full stops', () => {
    expect(texts('贸易增长。出口增加。')).toEqual(['贸易增长。', '出口增加。']);
  });

  it('gives spans in code points that slice the body exactly, with emoji and CJK before them', () => {
    const body = '🚂 中欧班列 ran 714 trips. 👍 Cargo rose 5%.\n𝔘nicode 𝟘 line.';
    const spans = splitSentences(body);
    const codePoints = Array.from(body);
    expect(spans.map((s) => s.text)).toEqual(['🚂 中欧班列 ran 714 trips.', '👍 Cargo rose 5%.', '𝔘nicode 𝟘 line.']);
    for (const span of spans) expect(codePoints.slice(span.start, span.end).join('')).toBe(span.text);
    expect(spans[1]!.start).toBe(Array.from('🚂 中欧班列 ran 714 trips. ').length);
  });

  it('returns no sentence for blank text', () => {
    expect(splitSentences('  \n\n ')).toEqual([]);
  });
});

describe('codePointIndex', () => {
  it('maps UTF-16 indices to code point offsets across surrogate pairs', () => {
    const toCodePoint = codePointIndex('a🚂b');
    expect([0, 1, 3, 4].map(toCodePoint)).toEqual([0, 1, 2, 3]);
  });
});
