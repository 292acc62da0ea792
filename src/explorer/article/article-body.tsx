// The clean body as paragraphs, each cited quote in a <mark> (split where quotes overlap, every
// covering quote's ID on it) and each mention a link to its entity. The quote of the URL is marked
// current, scrolled to and focused.
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

function SegmentView({ segment, supports, currentId, mentionNames }: {
  segment: Segment;
  supports: Map<string, string>;
  currentId: string | null;
  mentionNames: Map<string, string>;
}) {
  const mention = segment.mention;
  const text = mention ? (
    <a class="mention" data-entity-id={mention.entityId} href={link(`/entity/${mention.entityId}`)} title={mentionNames.get(mention.entityId)}>
      {segment.text}
    </a>
  ) : (
    segment.text
  );
  const ids = segment.citationIds;
  if (ids.length === 0) return <>{text}</>;
  const current = currentId !== null && ids.includes(currentId);
  const title = ids.map((id) => supports.get(id) ?? 'A cited quote').join('; ');
  return (
    <mark
      data-citation-id={ids[0]}
      data-citation-ids={ids.join(' ')}
      title={title}
      {...(current ? { class: 'current', 'aria-current': 'true', tabIndex: -1 } : {})}
    >
      {text}
    </mark>
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
  const supports = useMemo(() => new Map(citations.map((c) => [c.id, describeSupport(c)])), [citations]);
  const mentionNames = useMemo(() => new Map(mentions.map((m) => [m.entity.id, m.entity.name])), [mentions]);

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
        <p key={paragraph.start}>
          {paragraph.segments.map((segment) => (
            <SegmentView key={segment.start} segment={segment} supports={supports} currentId={currentId} mentionNames={mentionNames} />
          ))}
        </p>
      ))}
    </article>
  );
}
