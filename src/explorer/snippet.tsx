// Search snippets arrive as HTML with the matches in <mark>. They are parsed inertly (a <template>
// runs nothing) and rebuilt from their text and <mark> elements only, so no markup of the source
// page can reach the document.
import type { ComponentChildren } from 'preact';

export function Snippet({ html }: { html: string | null | undefined }) {
  if (!html) return null;
  const template = document.createElement('template');
  template.innerHTML = html;
  const parts: ComponentChildren[] = [];
  template.content.childNodes.forEach((node, index) => {
    const text = node.textContent ?? '';
    parts.push(node.nodeName === 'MARK' ? <mark key={index}>{text}</mark> : text);
  });
  return <span class="snippet">{parts}</span>;
}

/** The snippet's plain text ("" for none), e.g. to compare it with a name. */
export function snippetText(html: string | null | undefined): string {
  if (!html) return '';
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.textContent ?? '';
}
