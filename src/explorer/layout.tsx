// The frame of every page: header with navigation and the asOf picker, then the page in <main>.
import type { ComponentChildren } from 'preact';
import { link, withAsOf } from './as-of.ts';
import { navigate } from './router.ts';
import { useBusy } from './use-query.ts';

export function Layout({ asOf, children }: { asOf: string | null; children: ComponentChildren }) {
  const busy = useBusy();
  const setAsOf = (value: string | null) => navigate(withAsOf(location.hash, value));
  return (
    <>
      <a class="skip-link" href="#main" onClick={(event) => {
        // The hash is the router's: move focus instead of following the link.
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to content
      </a>
      <header class="site-header">
        <a class="brand" href={link('/')}>
          Explorer
        </a>
        <nav aria-label="Main">
          <ul>
            <li><a href={link('/')}>Search</a></li>
            <li><a href={link('/path')}>Path finder</a></li>
            <li><a href={link('/review')}>Review</a></li>
            <li><a href="/graphql">GraphiQL</a></li>
          </ul>
        </nav>
        <div class="as-of">
          <label for="as-of-date">As of</label>
          <input
            id="as-of-date"
            type="date"
            aria-label="As of"
            value={asOf ?? ''}
            onChange={(event) => setAsOf((event.currentTarget as HTMLInputElement).value || null)}
          />
          <button type="button" onClick={() => setAsOf(null)}>
            Clear date
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} aria-busy={busy ? 'true' : 'false'}>
        {asOf && <p class="as-of-note">Showing what was published by {asOf}.</p>}
        {children}
      </main>
    </>
  );
}
