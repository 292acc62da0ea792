// The clean body as paragraphs, each cited quote in a <mark> (split where quotes overlap, every
// covering quote's ID on it) and each mention a link to its entity. The quote of the URL is one
// mark, marked current, scrolled to and focused.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { link } from '../as-of.ts';
import { segmentBody, type Segment } from './highlight.ts';
import { describeSupport, type QuotedCitation } from './supports.ts';

export interface BodyMention {
  startOffset: number;
  endOffset: number;
  entity: { id: string; name: string };
}

interface Props {
  body: string;
  citations: readonly QuotedCitation[];
  mentions: readonly BodyMention[];
  currentId: string | null;
}

interface Labels {
  supports: Map<string, string>;
  mentionNames: Map<string, string>;
}

/** A run of text: its mention link, inside a mark for the quotes covering it (but `outer`, marked around it already). */
function SegmentView({ segment, labels, outer }: { segment: Segment; labels: Labels; outer: string | null }) {
  const mention = segment.mention;
  const text = mention ? (
    <a class="mention" data-entity-id={mention.entityId} href={link(`/entity/${mention.entityId}`)} title={labels.mentionNames.get(mention.entityId)}>
      {segment.text}
    </a>
  ) : (
    segment.text
  );
  const ids = segment.citationIds.filter((id) => id !== outer);
  if (ids.length === 0) return <>{text}</>;
  return (
    <mark data-citation-id={ids[0]} data-citation-ids={ids.join(' ')} title={ids.map((id) => labels.supports.get(id) ?? 'A cited quote').join('; ')}>
      {text}
    </mark>
  );
}

/**
 * A paragraph's segments; those of the current quote (contiguous: it is one span) go inside one mark,
 * so the quote reads, and is focused, as a whole, the quotes overlapping it nested within.
 */
function ParagraphView({ segments, labels, currentId }: { segments: Segment[]; labels: Labels; currentId: string | null }) {
  const first = currentId === null ? -1 : segments.findIndex((s) => s.citationIds.includes(currentId));
  if (first < 0 || currentId === null) {
    return <p>{segments.map((segment) => <SegmentView key={segment.start} segment={segment} labels={labels} outer={null} />)}</p>;
  }
  let last = first;
  while (last + 1 < segments.length && segments[last + 1]!.citationIds.includes(currentId)) last += 1;
  const view = (segment: Segment) => <SegmentView key={segment.start} segment={segment} labels={labels} outer={currentId} />;
  return (
    <p>
      {segments.slice(0, first).map((segment) => <SegmentView key={segment.start} segment={segment} labels={labels} outer={null} />)}
      <mark
        class="current"
        aria-current="true"
        tabIndex={-1}
        data-citation-id={currentId}
        data-citation-ids={currentId}
        title={labels.supports.get(currentId) ?? 'A cited quote'}
      >
        {segments.slice(first, last + 1).map(view)}
      </mark>
      {segments.slice(last + 1).map((segment) => <SegmentView key={segment.start} segment={segment} labels={labels} outer={null} />)}
    </p>
  );
}

export function ArticleBody({ body, citations, mentions, currentId }: Props) {
  const paragraphs = useMemo(
    () =>
      segmentBody(
        body,
        citations.map((c) => ({ id: c.id, start: c.startOffset, end: c.endOffset })),
        mentions.map((m) => ({ entityId: m.entity.id, start: m.startOffset, end: m.endOffset })),
        currentId,
      ),
    [body, citations, mentions, currentId],
  );
  const labels = useMemo(
    () => ({
      supports: new Map(citations.map((c) => [c.id, describeSupport(c)])),
      mentionNames: new Map(mentions.map((m) => [m.entity.id, m.entity.name])),
    }),
    [citations, mentions],
  );

  // The quote of the URL: brought into view and focused, so keyboard and screen reader users land on it.
  const root = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!currentId) return;
    const mark = root.current?.querySelector<HTMLElement>('mark.current');
    if (!mark) return;
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
  }, [currentId, paragraphs]);

  return (
    <article data-testid="article-body" class="article-body" ref={root}>
      {paragraphs.map((paragraph) => (
        <ParagraphView key={paragraph.start} segments={paragraph.segments} labels={labels} currentId={currentId} />
      ))}
    </article>
  );
}
