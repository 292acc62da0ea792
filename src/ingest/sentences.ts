// Splits a clean article body into sentences (spans in code points), with the care news English
// needs: abbreviations ("Co., Ltd.", "Mr.", "No. 3", "U.S."), initials, decimals, closing quotes
// and brackets after the full stop, and paragraph breaks that always end a sentence.
import type { Span } from './extraction.ts';

/** Maps UTF-16 indices of a text to code point offsets (what Span and PostgreSQL count). */
export function codePointIndex(text: string): (utf16: number) => number {
  const offsets = new Uint32Array(text.length + 1);
  let codePoints = 0;
  for (let i = 0; i < text.length; i++) {
    offsets[i] = codePoints;
    const unit = text.charCodeAt(i);
    // A high surrogate and the low one after it are one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        offsets[++i] = codePoints;
      }
    }
    codePoints++;
  }
  offsets[text.length] = codePoints;
  return (utf16) => offsets[Math.max(0, Math.min(utf16, text.length))]!;
}

/** A span of the body from UTF-16 indices [start, end), offsets converted to code points. */
export function spanAt(body: string, toCodePoint: (utf16: number) => number, start: number, end: number): Span {
  return { start: toCodePoint(start), end: toCodePoint(end), text: body.slice(start, end) };
}

// Abbreviations after which a full stop never ends a sentence: titles, "No.", months, "vs.", and
// the like, because a name or a number always follows them.
const NEVER_FINAL = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'capt', 'sgt', 'gov', 'sen', 'rep', 'rev', 'hon', 'st',
  'no', 'nos', 'nr', 'vs', 'v', 'fig', 'art', 'sec', 'ch', 'vol', 'pp', 'p', 'approx', 'est', 'ca', 'cf',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'pres',
]);
// Abbreviations that may end a sentence as well as sit inside one ("... Logistics Co., Ltd. The
// company ..."): they end it only when a word that typically opens a sentence follows.
const MAYBE_FINAL = new Set([
  'co', 'ltd', 'inc', 'corp', 'llc', 'plc', 'jsc', 'bros', 'etc', 'jr', 'sr', 'al', 'dept', 'govt', 'intl',
]);
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his',
  'her', 'their', 'our', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'as', 'after', 'before', 'since',
  'during', 'but', 'and', 'meanwhile', 'however', 'according', 'last', 'next', 'there', 'such', 'both', 'all',
  'some', 'many', 'most', 'other', 'another', 'each', 'while', 'when', 'if', 'although', 'also',
]);

const CLOSERS = `"'”’»)]}`;
const OPENERS = `"'“‘«([{`;

/** Sentence boundaries as UTF-16 [start, end) pairs, trimmed, in body order. */
export function sentenceRanges(body: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  // Paragraphs: a line break always ends a sentence (the cleaner keeps one paragraph per line).
  const paragraph = /[^\n]+/g;
  for (let p = paragraph.exec(body); p; p = paragraph.exec(body)) {
    let start = p.index;
    const end = p.index + p[0].length;
    for (const cut of boundariesIn(body, p.index, end)) {
      pushTrimmed(body, ranges, start, cut);
      start = cut;
    }
    pushTrimmed(body, ranges, start, end);
  }
  return ranges;
}

/** The sentences of the body as spans in code points (each trimmed, none empty). */
export function splitSentences(body: string): Span[] {
  const toCodePoint = codePointIndex(body);
  return sentenceRanges(body).map(([start, end]) => spanAt(body, toCodePoint, start, end));
}

function pushTrimmed(body: string, ranges: Array<[number, number]>, start: number, end: number): void {
  while (start < end && /\s/.test(body[start]!)) start++;
  while (end > start && /\s/.test(body[end - 1]!)) end--;
  if (end > start) ranges.push([start, end]);
}

/** Where sentences end inside one paragraph [from, to): the index just after each end. */
function boundariesIn(body: string, from: number, to: number): number[] {
  const cuts: number[] = [];
  for (let i = from; i < to; i++) {
    const ch = body[i]!;
    // CJK full stops need no space after them.
    if (ch === '。' || ch === '！' || ch === '？') {
      let j = i + 1;
      while (j < to && CLOSERS.includes(body[j]!)) j++;
      if (j < to) cuts.push(j);
      i = j - 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // A run of terminal marks ("?!", "...") and the closing quotes/brackets after it.
    let j = i + 1;
    while (j < to && '.!?…'.includes(body[j]!)) j++;
    while (j < to && CLOSERS.includes(body[j]!)) j++;
    if (j >= to) break;
    // A sentence ends only where whitespace follows ...
    if (!/\s/.test(body[j]!)) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < to && /\s/.test(body[k]!)) k++;
    if (k >= to) break;
    // ... and the next sentence does not open in lowercase or with punctuation that continues
    // this one (a capital, a digit, a quote, a symbol, CJK or an emoji all may open one).
    const next = body[k]!;
    const opensSentence = OPENERS.includes(next)
      ? !/[\p{Ll}]/u.test(body[k + 1] ?? '')
      : !/[\p{Ll},;:)\]}%.!?]/u.test(next);
    if (!opensSentence) {
      i = j - 1;
      continue;
    }
    // A lone full stop may belong to an abbreviation; "!", "?" and "..." always end.
    const loneFullStop = ch === '.' && !'.!?…'.includes(body[i + 1] ?? '');
    if (loneFullStop && !fullStopEnds(body, from, i, k)) {
      i = j - 1;
      continue;
    }
    cuts.push(j);
    i = j - 1;
  }
  return cuts;
}

/** Whether a single full stop at `dot` ends the sentence, given that the next one would open at `next`. */
function fullStopEnds(body: string, paragraphStart: number, dot: number, next: number): boolean {
  // The word the full stop is attached to.
  let w = dot;
  while (w > paragraphStart && /[\p{L}\p{N}.&'-]/u.test(body[w - 1]!)) w--;
  const word = body.slice(w, dot);
  const bare = word.replace(/^['-]+/, '');
  if (bare === '') return true;
  const lower = bare.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  // An initial ("J. Smith") or letters with inner full stops ("U.S.", "e.g.", "a.m.").
  if (/^\p{Lu}$/u.test(bare)) return false;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) return startsWithOpener(body, next);
  if (MAYBE_FINAL.has(lower)) return startsWithOpener(body, next);
  return true;
}

function startsWithOpener(body: string, at: number): boolean {
  const word = /^[\p{L}']+/u.exec(body.slice(at, at + 20))?.[0]?.toLowerCase() ?? '';
  return SENTENCE_OPENERS.has(word);
}
