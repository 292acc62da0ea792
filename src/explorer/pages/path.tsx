// Placeholder until the path page is written (helper B owns this file).
import type { PageProps } from './page-props.ts';

export function PathPage(_props: PageProps) {
  return <h1>Path</h1>;
}
