// What a quote supports, in words: the title of its mark and the line under it in the quote list.
import { words } from '../components.tsx';
import { describeFigure, describePeriod } from '../format.ts';

export interface SupportedClaim {
  metric: string;
  value?: number | null;
  unit: string;
  unitText?: string | null;
  hedge: string;
  status?: string;
  period: { text?: string | null; start?: string | null; end?: string | null };
  subjects?: ReadonlyArray<{ entity: EntityLink }>;
}

export interface SupportedRelation {
  kind: string;
  status?: string;
  subject: EntityLink;
  object: EntityLink;
}

export interface EntityLink {
  id: string;
  name: string;
}

/** A cited quote as the article page shows it (a structural subset of what its queries read). */
export interface QuotedCitation {
  id: string;
  quote: string;
  startOffset: number;
  endOffset: number;
  fromCaption?: boolean;
  claim?: SupportedClaim | null;
  relation?: SupportedRelation | null;
}

export function describeClaim(claim: SupportedClaim): string {
  // A DATE figure has no value: its period is its content.
  const figure = claim.unit === 'DATE' ? '' : describeFigure(claim);
  const period = describePeriod(claim.period);
  const about = (claim.subjects ?? []).map((s) => s.entity.name).join(', ');
  return `${words(claim.metric)}${figure ? `: ${figure}` : ''}${period ? `, ${period}` : ''}${about ? ` (${about})` : ''}`;
}

export function describeRelation(relation: SupportedRelation): string {
  return `${relation.subject.name} ${words(relation.kind)} ${relation.object.name}`;
}

/** "Supports the figure …" / "Supports the relation …"; a quote of neither (never expected) says so. */
export function describeSupport(citation: { claim?: SupportedClaim | null; relation?: SupportedRelation | null }): string {
  if (citation.claim) return `Supports the figure ${describeClaim(citation.claim)}`;
  if (citation.relation) return `Supports the relation ${describeRelation(citation.relation)}`;
  return 'A cited quote';
}
