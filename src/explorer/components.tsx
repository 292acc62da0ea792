// Small pieces every page uses: error alerts, a loading line, a document title.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

export function ErrorAlert({ error }: { error: Error | string | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" class="alert">
      {typeof error === 'string' ? error : error.message}
    </p>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return <p class="loading">{what}…</p>;
}

/** A wide table that scrolls inside its own box on a narrow screen instead of the whole page. */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function useTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Corridor explorer` : 'Corridor explorer';
  }, [title]);
}

/** "TRADE_VOLUME"-style enum values as words: "trade volume". */
export function words(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}
