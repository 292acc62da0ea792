// What browser tests ask of a page beyond playwright-core's locators (which has no `expect`): a
// page done loading, an element within the viewport, sideways scrolling, the focus ring.
import type { Locator, Page } from 'playwright-core';

/** Waits until <main> exists and is not aria-busy: the explorer's "loading finished". */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.querySelector('main');
    return main !== null && main.getAttribute('aria-busy') !== 'true';
  });
}

/** Whether any part of the element lies inside the visible viewport. */
export function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth;
  });
}

/** Whether the page as a whole scrolls sideways (an inner box that scrolls on its own is fine). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth > root.clientWidth + 1;
  });
}

export interface FocusedElement {
  tag: string;
  text: string;
  visible: boolean;
  /** A visible focus ring: a drawn outline, or a box-shadow standing in for one. */
  ring: boolean;
}

export function focusedElement(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body || !(element instanceof HTMLElement)) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60),
      visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
      ring: outline || shadow,
    };
  });
}

/** Text as the page shows it: runs of white space (non-breaking too) as one space. */
export const squash = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();

/** CSS for links to an explorer route, with or without a query (asOf, citation...) after it. */
export function linkTo(route: string): string {
  return `a[href="#${route}"], a[href^="#${route}?"]`;
}

/** A parameter of the hash route a link points to (`#/article/...?citation=...`). */
export function hashParam(href: string, name: string): string | null {
  const query = href.split('#')[1]?.split('?')[1];
  return query ? new URLSearchParams(query).get(name) : null;
}
