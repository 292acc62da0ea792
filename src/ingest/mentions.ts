// Finds where an article mentions known entities: every alias of every entity, folded (case,
// accents, apostrophes, transliteration), matched in one Aho–Corasick pass over the folded body,
// whole words only, leftmost-longest; offsets are code points of the original body.
import AhoCorasick from 'modern-ahocorasick';
import type { KnownAlias, Mention } from './extraction.ts';
import { foldCodePoints, foldName } from './name-fold.ts';

export { proposeCandidateEntities } from './candidate-entities.ts';

export interface MentionMatcher {
  /** Mentions of known entities in the body, in body order (see createMentionMatcher for the rules). */
  find(body: string): Mention[];
}

/**
 * How much an alias can be trusted on its own:
 * - strong: found anywhere it occurs;
 * - weak: a very short name ("Li") or a lowercase description ("the border city", "ferrymen"), which
 *   names this entity only in an article that also mentions it by a strong alias.
 */
type Strength = 'strong' | 'weak';

interface AliasEntry {
  entityId: number;
  strength: Strength;
  /** For acronyms and very short names: the case-kept fold the text must show ("EU" but not "eu"). */
  exactCase: string | null;
}

// Words that cannot name an entity alone; an alias made only of them is never matched.
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with',
  'as', 'into', 'onto', 'over', 'under', 'about', 'after', 'before', 'than', 'then', 'up', 'down', 'out',
  'is', 'are', 'was', 'were', 'be', 'been', 'it', 'its', 'this', 'that', 'these', 'those', 'he', 'she',
  'they', 'we', 'you', 'i', 'his', 'her', 'their', 'our', 'my', 'me', 'him', 'them', 'us', 'not', 'no',
  'if', 'so', 'all', 'any', 'one', 'new', 'will', 'can', 'may', 'said', 'says', 'more', 'most', 'also',
  'there', 'here', 'who', 'what', 'which', 'when', 'where', 'why', 'how', 's',
]);
// Lowercase aliases made only of these (and stop words) describe rather than name: "the border city".
const GENERIC_WORDS = new Set([
  'city', 'town', 'village', 'capital', 'port', 'border', 'highway', 'railway', 'rail', 'road', 'line',
  'route', 'corridor', 'company', 'firm', 'group', 'terminal', 'station', 'hub', 'centre', 'center', 'base',
  'zone', 'area', 'region', 'province', 'country', 'nation', 'state', 'government', 'ministry', 'party',
  'bank', 'office', 'project', 'plant', 'site', 'facility', 'park', 'market', 'airport', 'land', 'dry',
  'logistics', 'trade', 'cargo', 'freight', 'train', 'trains', 'service', 'crossing', 'two', 'both',
]);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'our', 'his', 'her']);

/** Sorts out how an alias may be matched; null when it cannot name anything on its own. */
function classifyAlias(entityId: number, alias: string): { folded: string; entry: AliasEntry } | null {
  const folded = foldName(alias);
  if (folded === '') return null;
  const words = folded.split(' ');
  const hasUpper = /\p{Lu}/u.test(alias);
  const hasLower = /\p{Ll}/u.test(alias);
  const length = folded.replace(/ /g, '').length;
  // "EU", "G7", "KTZ": capitals and digits only, at least two of them.
  const acronym = hasUpper && !hasLower && length >= 2;
  const short = length <= 2;
  if (!acronym && words.every((word) => STOP_WORDS.has(word))) return null;

  const exactCase = acronym || short ? foldName(alias, true) : null;
  let strength: Strength = 'strong';
  if (short && !acronym) strength = 'weak';
  else if (!hasUpper && hasLower) {
    const descriptive = words.length === 1 || DETERMINERS.has(words[0] ?? '') ||
      words.every((word) => STOP_WORDS.has(word) || GENERIC_WORDS.has(word));
    if (descriptive) strength = 'weak';
  }
  return { folded, entry: { entityId, strength, exactCase } };
}

interface Hit {
  /** Folded-text range, for the overlap selection. */
  start: number;
  end: number;
  /** Original code-point range. */
  bodyStart: number;
  bodyEnd: number;
  entries: AliasEntry[];
}

/** Earliest start first; of hits starting together the longest; then no overlaps. */
function leftmostLongest(hits: readonly Hit[]): Hit[] {
  const ordered = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Hit[] = [];
  let reached = 0;
  for (const hit of ordered) {
    if (hit.start < reached) continue;
    chosen.push(hit);
    reached = hit.end;
  }
  return chosen;
}

/**
 * Builds a matcher over every alias of every known entity (names included, when the caller lists
 * them as aliases). The rules, chosen so that articles never seen before produce little noise:
 * - aliases are folded (see name-fold.ts), so "Алматы", "ALMATY" and "Almaty" meet, and so do
 *   "Xi’an", "XI'AN" and "Xian"; a match must start and end at word boundaries of the folded text;
 * - of overlapping matches the leftmost wins, and of those starting together the longest
 *   ("Khorgos Port" over "Khorgos");
 * - acronyms (all capitals) and names of one or two characters match only the same capitals in the
 *   text; aliases made only of stop words never match; weak aliases (see Strength) match only in
 *   an article where the same entity is also mentioned by a strong alias;
 * - an alias shared by several entities: if exactly some of them are also mentioned unambiguously
 *   elsewhere in the article, the mention goes to those; otherwise it is kept for each of them (one
 *   mention per entity, same span), for a reviewer to settle — such entities are usually duplicates
 *   awaiting a merge.
 */
export function createMentionMatcher(aliases: readonly KnownAlias[]): MentionMatcher {
  const entriesByFold = new Map<string, AliasEntry[]>();
  for (const { entityId, alias } of aliases) {
    const classified = classifyAlias(entityId, alias);
    if (!classified) continue;
    const entries = entriesByFold.get(classified.folded) ?? [];
    const same = entries.find((entry) => entry.entityId === entityId && entry.exactCase === classified.entry.exactCase);
    if (!same) entries.push(classified.entry);
    else if (classified.entry.strength === 'strong') same.strength = 'strong';
    entriesByFold.set(classified.folded, entries);
  }
  const patterns = [...entriesByFold.keys()];
  // Word boundaries are checked below rather than with the library's `boundary` option, which
  // re-reads the text around every hit and took 45 s instead of 45 ms on a 180 kB article.
  const automaton = new AhoCorasick(patterns);

  return {
    find(body: string): Mention[] {
      if (patterns.length === 0) return [];
      const chars = Array.from(body);
      const folded = foldCodePoints(chars);
      // Every whole-word occurrence in one pass; the leftmost-longest choice is made below, after
      // each occurrence is checked against the case and weak-alias rules, so that an occurrence
      // those rules turn down cannot hide a valid shorter one.
      const hits: Hit[] = [];
      const foldedText = folded.text;
      for (const match of automaton.search(foldedText, { strategy: 'all' })) {
        // The folded text holds only ASCII letters, digits and single spaces: a word starts and
        // ends at a space or at either end.
        if ((match.start > 0 && foldedText[match.start - 1] !== ' ') || (match.end < foldedText.length && foldedText[match.end] !== ' ')) continue;
        const bodyStart = folded.origin[match.start] ?? 0;
        const bodyEnd = (folded.origin[match.end - 1] ?? 0) + 1;
        const entries = (entriesByFold.get(match.pattern) ?? []).filter((entry) => {
          if (entry.exactCase === null) return true;
          return foldName(chars.slice(bodyStart, bodyEnd).join(''), true) === entry.exactCase;
        });
        if (entries.length > 0) hits.push({ start: match.start, end: match.end, bodyStart, bodyEnd, entries });
      }

      const strongly = new Set<number>();
      const strongHits = hits.filter((hit) => hit.entries.some((entry) => entry.strength === 'strong'));
      for (const hit of leftmostLongest(strongHits)) {
        for (const entry of hit.entries) if (entry.strength === 'strong') strongly.add(entry.entityId);
      }
      const usable = hits.flatMap((hit) => {
        const entries = hit.entries.filter((entry) => entry.strength === 'strong' || strongly.has(entry.entityId));
        return entries.length > 0 ? [{ ...hit, entries }] : [];
      });
      const chosen = leftmostLongest(usable).map((hit) => ({
        hit,
        entityIds: [...new Set(hit.entries.map((entry) => entry.entityId))].sort((a, b) => a - b),
      }));

      const unambiguous = new Set(chosen.filter((c) => c.entityIds.length === 1).map((c) => c.entityIds[0]));
      const mentions: Mention[] = [];
      for (const { hit, entityIds } of chosen) {
        const preferred = entityIds.filter((id) => unambiguous.has(id));
        const text = chars.slice(hit.bodyStart, hit.bodyEnd).join('');
        for (const entityId of preferred.length > 0 ? preferred : entityIds) {
          mentions.push({ start: hit.bodyStart, end: hit.bodyEnd, text, entity: { entityId } });
        }
      }
      return mentions;
    },
  };
}
