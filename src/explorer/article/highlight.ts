// Turns an article body and the spans over it (cited quotes, entity mentions) into paragraphs of
// segments to render: each segment is a run of text covered by the same quotes and the same mention.
// Pure (no DOM), so it is unit-tested. Offsets count code points, as the API's do.

export interface CitationSpan {
  id: string;
  start: number;
  end: number;
}

export interface MentionSpan {
  entityId: string;
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  /** Code point offsets of the segment in the body. */
  start: number;
  end: number;
  /** The quotes covering the whole segment, the most specific first (see orderCitations). */
  citationIds: string[];
  mention: MentionSpan | null;
}

export interface Paragraph {
  /** Offset of the paragraph's first character: a stable key. */
  start: number;
  segments: Segment[];
}

function clampSpan<T extends { start: number; end: number }>(span: T, length: number): T | null {
  const start = Math.max(0, Math.min(length, Math.trunc(span.start)));
  const end = Math.max(0, Math.min(length, Math.trunc(span.end)));
  return end > start ? { ...span, start, end } : null;
}

/**
 * Mentions that do not overlap: in body order, the longest of those starting together, and a mention
 * inside or across one already kept is dropped (its words stay text; the kept link covers them).
 */
export function nonOverlappingMentions(mentions: readonly MentionSpan[]): MentionSpan[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: MentionSpan[] = [];
  let keptEnd = -1;
  for (const mention of sorted) {
    if (mention.start < keptEnd) continue;
    kept.push(mention);
    keptEnd = mention.end;
  }
  return kept;
}

/**
 * The order of the quotes that cover one segment: the current one (from the URL) first, then the
 * shortest, so a quote nested in a longer one is the one a mark names first; ties in body order.
 */
function orderCitations(covering: CitationSpan[], currentId: string | null): string[] {
  return covering
    .sort((a, b) => {
      if (a.id === currentId) return -1;
      if (b.id === currentId) return 1;
      return a.end - a.start - (b.end - b.start) || a.start - b.start || (a.id < b.id ? -1 : 1);
    })
    .map((c) => c.id);
}

const NEWLINES = /\n+/g;

/**
 * Paragraphs (lines of the body; runs of newlines separate them and are not part of any segment)
 * split at every quote and mention boundary. The segments' text, joined, is the body without its
 * newlines: nothing is lost or repeated, whatever the spans.
 */
export function segmentBody(
  body: string,
  citations: readonly CitationSpan[],
  mentions: readonly MentionSpan[] = [],
  currentId: string | null = null,
): Paragraph[] {
  const chars = Array.from(body);
  const length = chars.length;
  const quotes = citations.map((c) => clampSpan(c, length)).filter((c): c is CitationSpan => c !== null);
  const links = nonOverlappingMentions(mentions.map((m) => clampSpan(m, length)).filter((m): m is MentionSpan => m !== null));

  const cuts = new Set<number>([0, length]);
  for (const span of [...quotes, ...links]) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  // Newline runs, in code points: the string offsets of the matches are UTF-16, so count along.
  const breaks: Array<{ start: number; end: number }> = [];
  let codePoint = 0;
  let unit = 0;
  for (const match of body.matchAll(NEWLINES)) {
    codePoint += Array.from(body.slice(unit, match.index)).length;
    breaks.push({ start: codePoint, end: codePoint + match[0].length });
    codePoint += match[0].length;
    unit = match.index + match[0].length;
  }
  for (const gap of breaks) {
    cuts.add(gap.start);
    cuts.add(gap.end);
  }
  const sortedCuts = [...cuts].sort((a, b) => a - b);

  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  let nextBreak = 0;
  for (let i = 0; i + 1 < sortedCuts.length; i += 1) {
    const start = sortedCuts[i]!;
    const end = sortedCuts[i + 1]!;
    while (nextBreak < breaks.length && breaks[nextBreak]!.end <= start) nextBreak += 1;
    const gap = breaks[nextBreak];
    if (gap && gap.start <= start && end <= gap.end) {
      current = null; // a paragraph break
      continue;
    }
    const covering = quotes.filter((q) => q.start <= start && end <= q.end);
    const segment: Segment = {
      text: chars.slice(start, end).join(''),
      start,
      end,
      citationIds: orderCitations(covering, currentId),
      mention: links.find((m) => m.start <= start && end <= m.end) ?? null,
    };
    if (!current) paragraphs.push((current = { start, segments: [] }));
    current.segments.push(segment);
  }
  return paragraphs;
}
