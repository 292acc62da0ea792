// The explorer's entry: picks the page for the hash route and renders it inside the layout.
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
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
  // A new page starts at the top; the article page scrolls to its quote itself.
  useEffect(() => window.scrollTo(0, 0), [pageKey]);
  return (
    <Layout asOf={asOfOf(route.params)}>
      <Page key={pageKey} route={route} />
    </Layout>
  );
}

render(<App />, document.getElementById('app')!);
