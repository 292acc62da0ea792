// Placeholder until the article page is written (helper B owns this file).
import type { PageProps } from './page-props.ts';

export function ArticlePage(_props: PageProps) {
  return <h1>Article</h1>;
}
