/** What the router gives every page: the hash query (asOf and the page's own) and the ID in the path. */
export interface PageProps {
  params: URLSearchParams;
  id?: string | undefined;
}
