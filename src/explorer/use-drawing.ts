// A drawing made by a library loaded on demand (cytoscape, uPlot) into an element of the page.
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Loads the library, draws into `box` with it, and undoes the drawing when `deps` change or the
 * element leaves the page; returns whether the library failed to load.
 *
 * A layout effect, because Preact 11 runs a passive effect's cleanup after paint, once the element is
 * already out of the page; a library that measures a detached element gets NaN sizes (cytoscape's
 * layout then throws "reading 'x1'"). The element is checked again when the library arrives: loading
 * it is a network round trip, during which the reader may have moved on.
 */
export function useDrawing<Library>(
  box: RefObject<HTMLElement | null>,
  load: () => Promise<Library>,
  draw: (library: Library, element: HTMLElement) => () => void,
  deps: readonly unknown[],
): boolean {
  const [failed, setFailed] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    let undo: (() => void) | null = null;
    let cancelled = false;
    load().then(
      (library) => {
        if (!cancelled && element.isConnected) undo = draw(library, element);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      undo?.();
      undo = null;
    };
  }, deps);
  return failed;
}
