// The explorer's entry: picks the page for the hash route and renders it inside the layout.
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { asOfOf, link } from './as-of.ts';
import { Layout } from './layout.tsx';
import { ArticlePage } from './pages/article.tsx';
import { EntityPage } from './pages/entity.tsx';
import { PathPage } from './pages/path.tsx';
import { ReviewPage } from './pages/review.tsx';
import { SearchPage } from './pages/search.tsx';
import { useRoute, type Route } from './router.ts';
// All CSS goes into app.css (lazily loaded chunks bring no stylesheet of their own).
import 'uplot/dist/uPlot.min.css';
import './styles.css';

function Page({ route }: { route: Route }) {
  const { params, id } = route;
  switch (route.name) {
    case 'home':
      return <SearchPage params={params} />;
    case 'entity':
      return <EntityPage params={params} id={id} />;
    case 'article':
      return <ArticlePage params={params} id={id} />;
    case 'path':
      return <PathPage params={params} />;
    case 'review':
      return <ReviewPage params={params} />;
    default:
      return (
        <>
          <h1>Page not found</h1>
          <p>
            Nothing lives at this address. <a href={link('/')}>Search the graph</a>.
          </p>
        </>
      );
  }
}

function App() {
  const route = useRoute();
  const pageKey = `${route.name}/${route.id ?? ''}`;
  const firstPage = useRef(true);
  useEffect(() => {
    // A new page starts at the top; the article page scrolls to its quote itself.
    window.scrollTo(0, 0);
    // After following a link, focus would be left on nothing (the link is gone): put it at the
    // start of the new page's content, unless the page placed it itself (the search box).
    if (!firstPage.current && (document.activeElement === null || document.activeElement === document.body)) {
      document.getElementById('main')?.focus({ preventScroll: true });
    }
    firstPage.current = false;
  }, [pageKey]);
  return (
    <Layout asOf={asOfOf(route.params)}>
      <Page key={pageKey} route={route} />
    </Layout>
  );
}

render(<App />, document.getElementById('app')!);
