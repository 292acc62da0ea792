// Rule-based cleaner that strips scraper and website chrome from a raw news article, keeping every article line verbatim.
import { isDateLine } from './metadata.ts';

/** Why a line (or the collector prefix) was dropped. */
export type RemovalReason =
  | 'spam' // injected keyword spam unrelated to the article
  | 'navigation' // edition/language switchers, section labels, breadcrumbs
  | 'share' // social share buttons
  | 'footer' // copyright, licence, registration and publisher boilerplate
  | 'related' // "Related articles" heading and the headline list under it
  | 'login' // login / password-recovery form text
  | 'chrome' // other page widgets: back-to-top, follow/close buttons, reading-time badges
  | 'metadata' // what the page states about the article, not its text: a date line, contact and editor credits
  | 'collector'; // the scraper's own " date YYYY-MM-DD " prefix on the first line

export interface RemovedLine {
  /** 1-based line number in the raw text. */
  line: number;
  /** The removed text, trimmed (for 'collector' and a trailing credit, only the removed part). */
  text: string;
  reason: RemovalReason;
}

/** A kept line of the body that is an image caption, in code points (as citation offsets count). */
export interface CaptionSpan {
  start: number;
  end: number;
}

export interface CleanResult {
  /** Kept lines, trimmed, in raw order; at most one blank line between them, none at either end. */
  body: string;
  removed: RemovedLine[];
  /** Image captions: part of the article, kept in the body, but not its running text. */
  captions: CaptionSpan[];
}

// ---------------------------------------------------------------------------------------------
// Character classes

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN = /\p{Script=Latin}/gu;

function count(re: RegExp, s: string): number {
  return s.match(re)?.length ?? 0;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

// ---------------------------------------------------------------------------------------------
// Spam: SEO/porn keyword soup injected into pages (a comma-separated run of CJK keywords in an
// otherwise English article). Needs CJK dominance AND (adult terms OR keyword-soup shape), so a
// genuine Chinese quote or a Chinese-language article is not touched.

const ADULT_TERMS = [
  '毛片', '成人', '色情', '自拍', '少妇', '午夜', '无码', '有码', '黄色', '黄片', '三级', '偷拍',
  '乱伦', '裸', '做爱', '性爱', 'av', 'porn', 'xxx',
];

function hasAdultTerm(t: string): boolean {
  const lower = t.toLowerCase();
  return ADULT_TERMS.some((term) =>
    /^[a-z]+$/.test(term)
      ? new RegExp(`(?<![a-z])${term}(?![a-z])`).test(lower) // latin terms only as whole tokens
      : lower.includes(term),
  );
}

function isKeywordSoup(t: string): boolean {
  const parts = t.split(/[,，、|｜]/).map((p) => p.trim());
  if (parts.length < 3) return false;
  // Keyword lists have short items and no sentence punctuation.
  return parts.every((p) => p.length > 0 && p.length <= 30 && !/[。！？.!?]/.test(p));
}

function isSpam(t: string, articleIsLatin: boolean): boolean {
  const cjk = count(CJK, t);
  const letters = cjk + count(LATIN, t);
  if (letters === 0 || cjk / letters < 0.5) return false;
  if (!articleIsLatin) return false;
  return hasAdultTerm(t) || isKeywordSoup(t);
}

// ---------------------------------------------------------------------------------------------
// Navigation

// Edition / language switcher tokens (China Daily's header reads "Global EditionASIA 中文雙語Français";
// scrapers may mangle "ç" into "?" or another byte). A line made only of these tokens is a switcher.
const SWITCHER_TOKENS =
  /Global Edition|ASIA|English|中文|雙語|双语|简体|繁體|Fran.ais|Español|Deutsch|Русский|العربية|日本語|한국어|Português/giu;

function isSwitcher(t: string): boolean {
  if (t.length > 80) return false;
  const rest = t.replace(SWITCHER_TOKENS, '');
  return rest !== t && /^[\s|/·•,\-–—]*$/u.test(rest);
}

// Breadcrumb trail: "Home / Business / Industries". Every segment is a short label.
function isBreadcrumb(t: string): boolean {
  if (!/^Home\s*[/>»›|]/i.test(t) || t.length > 120) return false;
  const segs = t.split(/\s*[/>»›|]\s*/).filter(Boolean);
  return segs.length >= 2 && segs.every((s) => wordCount(s) <= 5 && !/[.!?]$/.test(s));
}

// Site section names that appear as a lone line in the header menu. Only removed when next to
// other navigation (see cleanArticle), so an article subheading like "Business" elsewhere survives.
const SECTION_LABELS = new Set(
  [
    'home', 'china', 'world', 'business', 'lifestyle', 'culture', 'travel', 'sports', 'opinion',
    'regional', 'forum', 'newspaper', 'video', 'videos', 'photo', 'photos', 'tech', 'technology',
    'health', 'markets', 'economy', 'companies', 'industries', 'finance', 'society', 'politics',
    'science', 'asia', 'europe', 'americas', 'africa', 'middle east', 'news', 'hk/macao',
    'cross-strait', 'education', 'environment', 'energy', 'innovation', 'people',
  ],
);

// ---------------------------------------------------------------------------------------------
// Share buttons: "Share", "Share - WeChat", "Share on Facebook", "Share this article".
const SHARE =
  /^Share(?:\s+this(?:\s+(?:article|story|page|post))?)?(?:\s*(?:[-–—:|]|\bon\b|\bvia\b|\bto\b)\s*(?:WeChat|Weibo|Facebook|Twitter|X|LinkedIn|E-?mail|WhatsApp|Telegram|Reddit|Pinterest|Link|QQ)?)?\s*:?$/i;

// ---------------------------------------------------------------------------------------------
// Page chrome that is neither navigation nor footer.
const CHROME_LINES = /^(?:top|back to (?:the )?top|go to top|follow us|close|print|font size|a\+|a-)$/i;
// Reading-time badge: "Reading this article requires" + "13 Minute", or "5 min read".
const READING_PROMPT = /^(?:reading this article requires|reading time|estimated reading time)\s*:?$/i;
const READING_TIME_BARE = /^\d+\s*(?:min|mins|minute|minutes)\.?$/i;
const READING_TIME_READ = /^\d+\s*(?:min|mins|minute|minutes)\.?\s+read$/i;

// ---------------------------------------------------------------------------------------------
// Footers, anchored at line start so a paragraph mentioning copyright mid-sentence survives.
function isFooter(t: string): boolean {
  // "Copyright 1995 - . All rights reserved. ..." / "© 2025 Xinhua" / "Copyright © China Daily"
  if (/^(?:copyright|©|\(c\))\s*(?:©|\(c\))?\s*\d{4}/i.test(t)) return true;
  if (/^(?:copyright|©)/i.test(t) && /all rights reserved/i.test(t)) return true;
  if (/^all rights reserved\.?$/i.test(t)) return true;
  // Chinese online-publishing licence and registration numbers shown in site footers.
  if (/^license for publishing\b/i.test(t)) return true;
  if (/^registration number\s*[:：]/i.test(t)) return true;
  if (/^[\p{Script=Han}]{1,2}ICP(?:备|證|证)/u.test(t)) return true;
  return false;
}

// Publisher self-description appended after the article ("The Diplomatic Insight is a digital and
// print magazine focusing on ..."). Only checked on the last kept line of the text.
const PUBLISHER_BLURB =
  /^(?:The\s+)?(?:[\p{Lu}][\p{L}'’&.-]*\s+){1,6}is\s+(?:an?|the)\s+(?:[\p{L},-]+\s+){0,6}(?:magazine|newspaper|news\s+(?:agency|website|portal|outlet|site|platform)|media\s+(?:outlet|group|organi[sz]ation|company|platform)|publication|publisher|journal)\b/u;

// ---------------------------------------------------------------------------------------------
// Login widgets rendered as text at the bottom of the page.
const LOGIN =
  /^(?:retrieve password|forgot (?:your )?password\??|reset password|get verification code|send verification code|verification code|log ?in|sign ?in|sign ?up|register|password|remember me|login\s*\/\s*register)$/i;

// ---------------------------------------------------------------------------------------------
// "Related articles" heading; the short headline-like lines after it are links to other stories.
const RELATED_HEADING =
  /^(?:related (?:articles?|stories|news|reading|content|posts|links|coverage)|you may also like|more stories|recommended(?: for you| articles| reading)?)\s*:?$/i;

// A headline: short, not a full-stop-terminated sentence. A real paragraph ends the related list.
function isHeadlineLike(t: string): boolean {
  return t.length <= 160 && wordCount(t) <= 20 && !/[.。]["”’)]?$/u.test(t);
}

// ---------------------------------------------------------------------------------------------
// Page metadata. A line near the top that only states when the article appeared ("Seetao
// 2022-10-31 11:04", "(Xinhua) 10:23, February 21, 2025") is read by metadata.ts, not part of the text.
// A byline line stays (it names people the article may be cited for), less a date after it.
const HEADER_LINES = 8;
// "Contact the writer(s) at someone@example.com": a contact credit with an address.
const CONTACT_CREDIT = /^(?:contact|e-?mail|write to)\s+(?:the\s+)?(?:writers?|authors?|reporters?|editors?|us)\b.{0,80}\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?$/iu;
// An editor credit closing the article, on its own line or after the last sentence: "Editor/Xu
// Shengpeng", "Editor: Jane Doe", "(Edited by Jane Doe)", "Responsible editor: Wang Hua".
const EDITOR_NAME = "\\p{Lu}[\\p{L}\\p{M}'’.-]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}'’.-]*){0,3}";
const EDITOR_CREDIT = new RegExp(
  `(?:^|(?<=[.!?"”’)]\\s+))\\(?(?:(?:[Rr]esponsible\\s+|[Cc]hief\\s+)?[Ee]ditors?\\s*[/:：|]|EDITORS?\\s*[/:：|]|[Ee]dited\\s+by)\\s*(?:${EDITOR_NAME})(?:\\s*(?:,|and|&)\\s*${EDITOR_NAME})*\\)?\\s*$`,
  'u',
);

// ---------------------------------------------------------------------------------------------
// Image captions stay in the body but are marked. A caption is told by its credit: a closing
// "NAME/AGENCY" in capitals ("... on June 11. CHEN SHUO/XINHUA"), "[Photo/Xinhua]", "(Photo: ...)",
// "Photo provided to ...", "PHOTO BY ..." or "FOR CHINA DAILY", or by an opening "Photo:" / "File photo:".
const CAPTION_CREDIT_END = new RegExp(
  [
    // "CHEN SHUO/XINHUA", "LI MING / FOR CHINA DAILY": capitals only, after a sentence end
    `(?<=[.!?"”’)]\\s*)\\p{Lu}[\\p{Lu}\\p{M}'’.-]*(?:\\s+\\p{Lu}[\\p{Lu}\\p{M}'’.-]*){0,3}\\s*/\\s*(?:FOR\\s+)?\\p{Lu}[\\p{Lu}\\p{M}&.-]*(?:\\s+\\p{Lu}[\\p{Lu}\\p{M}&.-]*){0,3}$`,
    // "[Photo/Xinhua]", "(Photo: Jane Doe)", "[Photo provided to China Daily]"
    `[[(](?:[Pp]hoto|PHOTO|[Ii]mage|IMAGE)s?\\s*(?:[/:|]|by\\b|provided\\b|courtesy\\b)[^\\])]{0,60}[\\])]$`,
    `(?:[Pp]hotos?|PHOTOS?)\\s+(?:provided\\s+to|by|courtesy\\s+of)\\s+[^.]{1,60}\\.?$`,
  ].join('|'),
  'u',
);
const CAPTION_START = /^(?:(?:file\s+)?photos?|image|pictured)\s*[:：]\s*\S/iu;
const CAPTION_LENGTH = 400;

function isCaption(t: string): boolean {
  return t.length <= CAPTION_LENGTH && (CAPTION_CREDIT_END.test(t) || CAPTION_START.test(t));
}

// Collector prefix: the scraper prepends " date YYYY-MM-DD " to the first line.
const COLLECTOR_PREFIX = /^\s*date\s+\d{4}-\d{2}-\d{2}(?:\s+|$)/;

// ---------------------------------------------------------------------------------------------

export function cleanArticle(raw: string): CleanResult {
  const lines = raw.split(/\r?\n/);
  const trimmed = lines.map((l) => l.trim());
  const reasons: (RemovalReason | null)[] = trimmed.map(() => null);
  const removed: RemovedLine[] = [];

  // Collector prefix on the first non-blank line: drop the prefix, keep the headline after it.
  const first = trimmed.findIndex((t) => t !== '');
  if (first >= 0) {
    const m = COLLECTOR_PREFIX.exec(lines[first] ?? '');
    if (m) {
      const rest = (lines[first] ?? '').slice(m[0].length).trim();
      if (rest === '') {
        reasons[first] = 'collector';
      } else {
        removed.push({ line: first + 1, text: m[0].trim(), reason: 'collector' });
        trimmed[first] = rest;
      }
    }
  }

  // Script balance of the whole text, used by the spam rule (per line, excluding that line).
  const full = trimmed.join('\n');
  const totalCjk = count(CJK, full);
  const totalLatin = count(LATIN, full);

  // Pass 1: rules that decide on the line alone.
  trimmed.forEach((t, i) => {
    if (t === '' || reasons[i]) return;
    const cjkElsewhere = totalCjk - count(CJK, t);
    const latinElsewhere = totalLatin - count(LATIN, t);
    const articleIsLatin = latinElsewhere > 0 && latinElsewhere >= 4 * cjkElsewhere;
    if (isSpam(t, articleIsLatin)) reasons[i] = 'spam';
    else if (isSwitcher(t) || isBreadcrumb(t)) reasons[i] = 'navigation';
    else if (SHARE.test(t)) reasons[i] = 'share';
    else if (CHROME_LINES.test(t) || READING_PROMPT.test(t) || READING_TIME_READ.test(t)) reasons[i] = 'chrome';
    else if (isFooter(t)) reasons[i] = 'footer';
    else if (LOGIN.test(t)) reasons[i] = 'login';
    else if (CONTACT_CREDIT.test(t)) reasons[i] = 'metadata';
  });

  // A date line among the first lines still kept.
  let header = 0;
  for (let i = 0; i < trimmed.length && header < HEADER_LINES; i++) {
    const t = trimmed[i] ?? '';
    if (t === '' || reasons[i]) continue;
    header++;
    if (isDateLine(t)) {
      reasons[i] = 'metadata';
      continue;
    }
    // "By Ren Qi | China Daily | Updated: 2025-09-18 09:29": the date after the last separator goes.
    const tail = /\s+[|·•]\s+([^|·•]+)$/u.exec(t);
    if (tail && tail.index > 0 && isDateLine(tail[1]!)) {
      removed.push({ line: i + 1, text: tail[1]!.trim(), reason: 'metadata' });
      trimmed[i] = t.slice(0, tail.index);
    }
  }

  const prevNonBlank = (i: number): number => {
    for (let j = i - 1; j >= 0; j--) if (trimmed[j] !== '') return j;
    return -1;
  };
  const nextNonBlank = (i: number): number => {
    for (let j = i + 1; j < trimmed.length; j++) if (trimmed[j] !== '') return j;
    return -1;
  };

  // Pass 2: context rules.
  // Lone section labels are menu items only when they sit next to other navigation; repeat so a
  // run of labels attached to a switcher/breadcrumb is removed as a whole.
  for (let changed = true; changed; ) {
    changed = false;
    trimmed.forEach((t, i) => {
      if (reasons[i] || !SECTION_LABELS.has(t.toLowerCase())) return;
      const p = prevNonBlank(i);
      const n = nextNonBlank(i);
      if ((p >= 0 && reasons[p] === 'navigation') || (n >= 0 && reasons[n] === 'navigation')) {
        reasons[i] = 'navigation';
        changed = true;
      }
    });
  }

  // A bare "13 Minute" is only a reading-time badge right after the reading-time prompt.
  trimmed.forEach((t, i) => {
    if (reasons[i] || !READING_TIME_BARE.test(t)) return;
    const p = prevNonBlank(i);
    if (p >= 0 && READING_PROMPT.test(trimmed[p] ?? '')) reasons[i] = 'chrome';
  });

  // "Related articles": the heading and the headline list after it, until a real paragraph.
  // Lines already claimed by another rule (e.g. a login form) keep their reason and are skipped.
  trimmed.forEach((t, i) => {
    if (reasons[i] || !RELATED_HEADING.test(t)) return;
    reasons[i] = 'related';
    for (let j = i + 1; j < trimmed.length; j++) {
      const u = trimmed[j] ?? '';
      if (u === '' || reasons[j]) continue;
      if (!isHeadlineLike(u)) break;
      reasons[j] = 'related';
    }
  });

  // Publisher blurb: only as the last line still kept.
  for (let i = trimmed.length - 1; i >= 0; i--) {
    const t = trimmed[i] ?? '';
    if (t === '' || reasons[i]) continue;
    if (PUBLISHER_BLURB.test(t)) reasons[i] = 'footer';
    break;
  }

  // An editor credit on the last line still kept: the whole line, or cut off after the last sentence.
  for (let i = trimmed.length - 1; i >= 0; i--) {
    const t = trimmed[i] ?? '';
    if (t === '' || reasons[i]) continue;
    const credit = EDITOR_CREDIT.exec(t);
    if (credit && credit.index === 0) reasons[i] = 'metadata';
    else if (credit) {
      removed.push({ line: i + 1, text: credit[0].trim(), reason: 'metadata' });
      trimmed[i] = t.slice(0, credit.index).trimEnd();
    }
    break;
  }

  // Assemble: kept lines trimmed, blank runs collapsed to one, no blank lines at the ends.
  const out: string[] = [];
  const captions: CaptionSpan[] = [];
  let offset = 0; // code points of `out` joined with newlines so far, plus the newline to come
  let pendingBlank = false;
  trimmed.forEach((t, i) => {
    const reason = reasons[i];
    if (reason) {
      removed.push({ line: i + 1, text: t, reason });
      return;
    }
    if (t === '') {
      pendingBlank = out.length > 0;
      return;
    }
    if (pendingBlank) {
      out.push('');
      offset += 1;
    }
    pendingBlank = false;
    const length = Array.from(t).length;
    if (isCaption(t)) captions.push({ start: offset, end: offset + length });
    out.push(t);
    offset += length + 1;
  });
  removed.sort((a, b) => a.line - b.line);

  return { body: out.join('\n'), removed, captions };
}
