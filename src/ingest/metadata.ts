// Reads the metadata an article states about itself near its top: a title (the first line, when it
// reads as a heading), a byline ("By Ren Qi | China Daily"), a publication date ("Updated:
// 2025-09-18 09:29", "10:23, February 21, 2025", a dateline "ASTANA, Sept. 18, 2025 (Xinhua) --").
// Only what the text says: anything it does not state is null, nothing is guessed.
import type { StatedMetadata } from './extraction.ts';
import { cleanArticle } from './clean.ts';

/** How many non-blank lines at the top of the body are read for a date or a byline. */
const TOP_LINES = 8;
/** A line longer than this is a paragraph: only a dateline at its very start is read from it. */
const SHORT_LINE = 160;

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
const TIME = '\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?';
const ORDINAL = '(?:st|nd|rd|th)?';

interface DateForm {
  pattern: RegExp;
  read: (match: RegExpExecArray) => [year: number, month: number, day: number];
}

// Each form may carry a time before ("10:23, February 21, 2025") or after ("2025-09-18 09:29"):
// the time is kept in the stated words.
const around = (date: string) => new RegExp(`(?:${TIME},?\\s+)?${date}(?:,?\\s+${TIME})?`, 'iu');
const DATE_FORMS: DateForm[] = [
  {
    pattern: around(`(?<!\\d)(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?!\\d)`),
    read: (m) => [Number(m[1]), Number(m[3]), Number(m[4])],
  },
  {
    pattern: around(`(?<![\\p{L}])${MONTH}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})(?!\\d)`),
    read: (m) => [Number(m[3]), MONTHS[m[1]!.toLowerCase()] ?? 0, Number(m[2])],
  },
  {
    pattern: around(`(?<!\\d)(\\d{1,2})${ORDINAL}\\s+${MONTH},?\\s+(\\d{4})(?!\\d)`),
    read: (m) => [Number(m[3]), MONTHS[m[2]!.toLowerCase()] ?? 0, Number(m[1])],
  },
  {
    pattern: /(\d{4})年(\d{1,2})月(\d{1,2})日/u,
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
];

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso ? iso : null;
}

/** The first real calendar date with a year in the text, and the words it was read from. */
function findDate(text: string): { iso: string; words: string; index: number } | null {
  let best: { iso: string; words: string; index: number } | null = null;
  for (const form of DATE_FORMS) {
    const match = form.pattern.exec(text);
    if (!match) continue;
    const iso = isoDate(...form.read(match));
    if (iso && (best === null || match.index < best.index)) best = { iso, words: match[0].trim(), index: match.index };
  }
  return best;
}

// Words a date line may carry besides the date: labels, separators and a source name.
const DATE_LINE_LABELS = /\b(?:updated|published|posted|released|date|time|last|modified|source|on|at|by|am|pm)\b/giu;

/**
 * A line that states when the article appeared: the date plus little else ("Seetao 2022-10-31
 * 11:04", "By Ren Qi | China Daily | Updated: 2025-09-18 09:29"), not a sentence that happens to
 * contain a date ("The fair opens on May 2, 2025.").
 */
function dateOfLine(line: string): { iso: string; words: string } | null {
  if (line.length <= SHORT_LINE) {
    const found = findDate(line);
    if (!found) return null;
    const rest = (line.slice(0, found.index) + ' ' + line.slice(found.index + found.words.length)).replace(DATE_LINE_LABELS, ' ');
    if (/[.!?]["”’)]?\s*$/u.test(rest.trim()) && !/\)\s*$/.test(line)) return null;
    const words = rest.split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean);
    const lowercase = words.filter((word) => /^\p{Ll}/u.test(word));
    if (words.length > 8 || lowercase.length > 1) return null;
    return found;
  }
  // A dateline opening a paragraph: "ASTANA, Sept. 18, 2025 (Xinhua) --", "BEIJING, 18 September 2025 —".
  const dateline = /^[\p{Lu}][\p{Lu}\p{M}'’ .-]{1,40}(?:,\s*[\p{Lu}][\p{L}\p{M}'’ .-]{1,30})?,\s+/u.exec(line);
  if (!dateline) return null;
  const found = findDate(line.slice(dateline[0].length, dateline[0].length + 60));
  return found && found.index === 0 ? found : null;
}

// A byline: "By Ren Qi", "By Ren Qi and Zhang San | China Daily", "Author: Jane Doe".
const NAME = "\\p{Lu}[\\p{L}\\p{M}'’.-]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}'’.-]*){0,3}";
const NAMES = `${NAME}(?:(?:\\s*,\\s*|\\s+and\\s+|\\s*&\\s*)${NAME})*`;
const BYLINE = new RegExp(
  `^(?:(?:written\\s+|reported\\s+|text\\s+)?by|authors?\\s*[:：]|reporters?\\s*[:：]|writers?\\s*[:：])\\s+(${NAMES})(?=\\s*$|\\s*[|·•,;/–—-]|\\s+(?:in|for|at|from)\\s)`,
  'iu',
);

function bylineOfLine(line: string): string | null {
  if (line.length > SHORT_LINE) return null;
  const match = BYLINE.exec(line);
  if (!match) return null;
  // "By 2025, ..." or "By the end of ...": the names must be capitalised words (the i flag lets
  // "by" match any case, so check the capitals again without it).
  const names = match[1]!.trim();
  if (!new RegExp(`^${NAMES}$`, 'u').test(names)) return null;
  return names;
}

/**
 * A line that only states when the article appeared, with at most a source or labels ("Seetao
 * 2022-10-31 11:04"): page metadata the cleaner takes out of the body. Not a byline line, not a
 * dateline opening a paragraph.
 */
export function isDateLine(line: string): boolean {
  return line.length <= SHORT_LINE && dateOfLine(line) !== null && bylineOfLine(line) === null;
}

/** A heading: a short line of words that does not end like a sentence. */
function isHeading(line: string): boolean {
  const words = line.split(/\s+/).filter(Boolean);
  return line.length <= 200 && words.length >= 2 && words.length <= 25 && /\p{L}/u.test(line) &&
    !/[.,;:]["”’)]?$/u.test(line) && !/^(?:by|photo|file|source)\b/i.test(line);
}

/**
 * The lines of the text as the cleaner keeps them, with the metadata lines it takes out of the body
 * ('metadata': date lines, credits) back in their place.
 */
function linesWithMetadata(raw: string): string[] {
  const { removed } = cleanArticle(raw);
  const dropped = new Set(removed.filter((r) => r.reason !== 'metadata' && r.reason !== 'collector').map((r) => r.line));
  const collector = new Map(removed.filter((r) => r.reason === 'collector').map((r) => [r.line, r.text]));
  const lines: string[] = [];
  raw.split(/\r?\n/).forEach((line, index) => {
    if (dropped.has(index + 1)) return;
    let text = line.trim();
    const prefix = collector.get(index + 1);
    if (prefix !== undefined && text.startsWith(prefix)) text = text.slice(prefix.length).trim();
    if (text !== '') lines.push(text);
  });
  return lines;
}

/**
 * What the article states about itself. `raw` is the text as collected (a collector's
 * "date YYYY-MM-DD" prefix, which the cleaner removes, is read from it as a last resort); `body` is
 * its clean body (src/ingest/clean.ts), which no longer holds the date lines and credits the cleaner
 * took out as metadata: they are read from the raw text in their place.
 */
export function readStatedMetadata(raw: string, body: string): StatedMetadata {
  const top = linesWithMetadata(raw);
  // A body that is not the raw text's clean body (a caller's own): read that.
  const lines = (top.length > 0 ? top : body.split('\n').map((line) => line.trim()).filter((line) => line !== '')).slice(0, TOP_LINES);
  let title: string | null = null;
  let byline: string | null = null;
  let date: { iso: string; words: string } | null = null;

  lines.forEach((line, index) => {
    const lineDate = dateOfLine(line);
    const lineByline = bylineOfLine(line);
    date ??= lineDate;
    byline ??= lineByline;
    // Only the first line may be the title, and only when it is not itself a date or byline line.
    if (index === 0 && !lineDate && !lineByline && isHeading(line)) title = line;
  });

  let publishedOn: string | null = null;
  let publishedText: string | null = null;
  if (date) {
    ({ iso: publishedOn, words: publishedText } = date);
  } else {
    // The collector's own prefix, as the cleaner found it.
    const collector = cleanArticle(raw).removed.find((removed) => removed.reason === 'collector');
    const stated = collector ? /^date\s+(\d{4})-(\d{2})-(\d{2})$/.exec(collector.text) : null;
    const iso = stated ? isoDate(Number(stated[1]), Number(stated[2]), Number(stated[3])) : null;
    if (iso && collector) {
      publishedOn = iso;
      publishedText = collector.text;
    }
  }
  return { title, byline, publishedOn, publishedText };
}
