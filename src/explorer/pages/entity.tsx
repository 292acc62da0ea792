import type { PageProps } from './page-props.ts';

export function EntityPage(_props: PageProps) {
  return <h1>Entity</h1>;
}
