// Article page: metadata, the clean body with every cited quote marked at its offsets and each
// mention linked to its entity, and the list of quotes. `?citation=<id>` marks, scrolls to and focuses
// that quote.
import { useMemo } from 'preact/hooks';
import { link } from '../as-of.ts';
import { ArticleBody } from '../article/article-body.tsx';
import { QuoteList } from '../article/quote-list.tsx';
import type { QuotedCitation } from '../article/supports.ts';
import { ErrorAlert, Loading, useTitle } from '../components.tsx';
import { isGlobalIdOf } from '../global-ids.ts';
import { graphql, type ResultOf } from '../graphql.ts';
import { useQuery } from '../use-query.ts';
import type { PageProps } from './page-props.ts';
import '../article/article.css';

// What a quote supports, unmasked: both queries read it as their own fields.
const QuoteFields = graphql(`
  fragment ExplorerQuote on Citation @_unmask {
    id quote startOffset endOffset fromCaption
    claim {
      id metric value unit unitText hedge status
      period { text start end }
      subjects { entity { id name } }
    }
    relation { id kind status subject { id name } object { id name } }
  }
`);

const ArticleQuery = graphql(`
  query ExplorerArticle($id: ID!, $asOf: Date) {
    node(id: $id) {
      __typename
      ... on Article {
        id title publisher byline publishedAt publishedText url collectedAt
        body
        citations(asOf: $asOf) { ...ExplorerQuote }
        mentions(first: 100) { edges { node { startOffset endOffset text entity { id name } } } }
      }
    }
  }
`, [QuoteFields]);

// The quote named in the URL, when the article's list does not hold it (a candidate figure's quote,
// followed from the review queue): fetched by its ID and marked all the same.
const CitationQuery = graphql(`
  query ExplorerCitation($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Citation { ...ExplorerQuote article { id } }
    }
  }
`, [QuoteFields]);

type ArticleNode = Extract<NonNullable<ResultOf<typeof ArticleQuery>['node']>, { __typename: 'Article' }>;

/** The day an article counts as published for asOf: its date, else the day it was collected. */
function publishedOn(article: { publishedAt?: string | null; collectedAt: string }): string {
  return article.publishedAt ?? article.collectedAt.slice(0, 10);
}

function ArticleMeta({ article }: { article: ArticleNode }) {
  const notStated = <span class="meta">not stated</span>;
  return (
    <dl data-testid="article-meta" class="article-meta">
      <dt>Publisher</dt>
      <dd>{article.publisher}</dd>
      <dt>Published</dt>
      <dd>{article.publishedAt ?? article.publishedText ?? notStated}</dd>
      <dt>Byline</dt>
      <dd>{article.byline ?? notStated}</dd>
      <dt>URL</dt>
      <dd>
        {article.url ? (
          <a href={article.url} rel="noopener noreferrer">
            {article.url}
          </a>
        ) : (
          notStated
        )}
      </dd>
      <dt>Collected</dt>
      <dd>{article.collectedAt.slice(0, 10)}</dd>
    </dl>
  );
}

export function ArticlePage({ params, id }: PageProps) {
  const asOf = params.get('asOf');
  const cited = params.get('citation');
  // Checked before it is sent: a mangled link gets no quote marked, not an error.
  const currentId = isGlobalIdOf(cited, 'Citation') ? cited : null;
  const { data, error, loading } = useQuery(ArticleQuery, id ? { id, asOf } : null);
  const article = data?.node?.__typename === 'Article' ? data.node : null;
  useTitle(article ? (article.title ?? 'Untitled article') : null);

  const laterThanAsOf = Boolean(article && asOf && publishedOn(article) > asOf);
  const listed = article?.citations ?? [];
  const needsTarget = Boolean(article && currentId && !laterThanAsOf && !listed.some((c) => c.id === currentId));
  const target = useQuery(CitationQuery, needsTarget && currentId ? { ids: [currentId] } : null);
  const extra = target.data?.nodes[0];
  const extraCitation = extra?.__typename === 'Citation' && extra.article.id === article?.id ? extra : null;

  const citations: QuotedCitation[] = useMemo(
    () => (extraCitation ? [...listed, extraCitation].sort((a, b) => a.startOffset - b.startOffset) : listed),
    [listed, extraCitation],
  );
  const mentions = useMemo(() => (article?.mentions.edges ?? []).map((edge) => edge.node), [article]);

  if (!id) return <ErrorAlert error="No article ID in the address." />;
  if (error) {
    return (
      <>
        <h1>Article</h1>
        <ErrorAlert error={error} />
      </>
    );
  }
  if (loading && !article) return <Loading what="Loading the article" />;
  if (!article) {
    return (
      <>
        <h1>Article not found</h1>
        <ErrorAlert error="No article has this ID." />
      </>
    );
  }

  const targetMissing = Boolean(currentId && !laterThanAsOf && !citations.some((c) => c.id === currentId) && !target.loading);
  return (
    <>
      <h1>{article.title ?? 'Untitled article'}</h1>
      <ArticleMeta article={article} />
      {laterThanAsOf && (
        <p class="note" role="note">
          Published after {asOf}: as of that date none of its quotes was known, so none is marked.{' '}
          <a href={link(`/article/${article.id}`, { citation: currentId, asOf: null })}>Show it without the date</a>.
        </p>
      )}
      <ErrorAlert error={target.error} />
      {targetMissing && (
        <p class="note" role="note">
          The quote this link points to is not in this article{asOf ? ` as of ${asOf}` : ''}.
        </p>
      )}
      <h2 class="visually-hidden">Text</h2>
      <ArticleBody body={article.body} citations={laterThanAsOf ? [] : citations} mentions={mentions} currentId={currentId} />
      {!laterThanAsOf && <QuoteList articleId={article.id} citations={citations} currentId={currentId} />}
    </>
  );
}
