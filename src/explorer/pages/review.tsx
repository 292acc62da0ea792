// Placeholder until the review page is written (helper B owns this file).
import type { PageProps } from './page-props.ts';

export function ReviewPage(_props: PageProps) {
  return <h1>Review</h1>;
}
