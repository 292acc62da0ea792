// Guesses a figure's metric key (snake_case) from the words around its number: a key already in
// use when its words are all there ("trade volume" -> trade_volume), else one made from the
// clause: what grows or what a share is of, the noun phrase before "of <number>", the counted noun
// and its verb ("handled 5,000 trains" -> trains_handled), or the subject before the verb.
import type { Unit } from '../domain/vocabulary.ts';

export interface MetricClues {
  sentence: string;
  /** The figure span [from, to) and where its unit words end, in UTF-16 indices of the sentence. */
  from: number;
  to: number;
  unitEnd: number;
  unit: Unit;
  /** The noun the number counts ("trains"), if any. */
  noun: string | null;
  /** An age ("27-year-old"). */
  age: boolean;
  /** An ordinal that counts repeats ("my fifth visit"). */
  ordinal?: boolean;
  /** A compound that measures the noun phrase after it ("a 14-day visa exemption"). */
  compound?: boolean;
  /** Entity mentions in the sentence: names are not metric words. */
  mentions: ReadonlyArray<{ from: number; to: number }>;
}

const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'it', 'they',
  'he', 'she', 'we', 'i', 'you', 'of', 'in', 'on', 'at', 'to', 'from', 'by', 'for', 'with', 'via', 'through', 'into',
  'over', 'under', 'between', 'among', 'than', 'per', 'and', 'or', 'as', 'which', 'who', 'whose', 'was', 'were',
  'is', 'are', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'also',
  'while', 'when', 'about', 'around', 'nearly', 'almost', 'more', 'less', 'some', 'approximately', 'roughly',
  'just', 'only', 'up', 'down', 'so', 'such', 'both', 'all', 'total', 'combined', 'overall', 'about', 'last', 'this',
  'year', 'years', 'month', 'months', 'first', 'since', 'during', 'after', 'before', 'until', 'now', 'currently',
  'said', 'says', 'according', 'including', 'new', 'record', 'some', 'other', 'another', 'over', 'within', 'least',
  'most', 'same', 'there', 'here', 'not', 'no', 'out', 'than', 'very', 'already', 'still', 'yet', 'if', 'but',
  'compared', 'respectively', 'reached', 'exceeded', 'surpassed', 'hit', 'topped', 'stood', 'amounted', 'totaled',
  'totalled', 'came', 'reach', 'exceed', 'exceeding', 'surpassing', 'reaching', 'registered', 'recorded',
  'saw', 'see', 'sees', 'seen', 'posted', 'posts', 'reported', 'reports', 'marked', 'marks', 'showed', 'shows',
]);
// Heads of "<head> of <number>" that only introduce the number ("a total of", "a list of").
const INTRODUCERS = new Set(['list', 'total', 'number', 'average', 'series', 'batch', 'group', 'set', 'sum', 'tally', 'count', 'figure', 'record', 'high', 'low', 'rate']);
// Words of a clause that say the number is a change or a share.
const GROWTH = /\b(?:increase[sd]?|increasing|growth|grew|grow|grows|rise|rose|risen|rising|up|surged?|surging|jump(?:ed|s)?|climb(?:ed|s)?|soar(?:ed|s)?|expand(?:ed|s)?|gain(?:ed|s)?|boost(?:ed)?)\b/i;
const DECLINE = /\b(?:decrease[sd]?|declin(?:e|ed|es|ing)|drop(?:ped|s)?|fell|fall(?:en|s)?|down|shr[ai]nk|cut|cuts|trimm(?:ed|ing)|reduc(?:e|ed|es|ing|tion)|lower(?:ed|ing)?|slump(?:ed)?)\b/i;
const SHARE = /\b(?:share|accounting for|accounted for|accounts for|account for|representing|represented|making up|made up|proportion|percent of|per cent of|% of|of the total|of all)\b/i;
const YOY = /\b(?:year[- ]on[- ]year|yoy|y-o-y|from a year earlier|over the previous year|compared with the previous year)\b/i;
const SYNONYMS: Record<string, string> = {
  increase: 'growth', rise: 'growth', rose: 'growth', grew: 'growth', surge: 'growth', surged: 'growth', jump: 'growth',
  jumped: 'growth', climb: 'growth', climbed: 'growth', soar: 'growth', soared: 'growth', expand: 'growth', expanded: 'growth',
  'year-on-year': 'yoy', ton: 'tonne', tonne: 'tonne', invest: 'investment', invested: 'investment',
};

function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  const synonym = SYNONYMS[w];
  if (synonym) return synonym;
  if (/ies$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/[^s]s$/.test(w) && w.length > 3) w = w.slice(0, -1);
  return SYNONYMS[w] ?? w;
}

interface Word {
  word: string;
  from: number;
  to: number;
}

function wordsIn(text: string, offset: number): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}][\p{L}\p{N}'’-]*[\p{L}\p{N}]|[\p{L}]/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ word: m[0], from: offset + m.index, to: offset + m.index + m[0].length });
  return out;
}

/** snake_case of some words: ASCII letters and digits, at most five words. */
function toKey(words: string[]): string | null {
  const parts = words
    .map((w) => w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’]s$/, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, ''))
    .filter(Boolean)
    .slice(0, 5);
  const key = parts.join('_').replace(/_+/g, '_');
  return /^[a-z][a-z0-9_]*$/.test(key) ? key.slice(0, 80).replace(/_+$/, '') : null;
}

export function guessMetric(clues: MetricClues, knownMetrics: readonly string[]): string {
  const { sentence } = clues;
  // The clause around the number: between the nearest breaks (",", ";", ":", brackets, dashes).
  // (Never more than 200 characters either side: a long sentence costs no more per figure.)
  const windowStart = Math.max(0, clues.from - 200);
  const behind = sentence.slice(windowStart, clues.from);
  const clauseStart = windowStart + Math.max(0, ...[',', ';', ':', '(', ')', ' -- ', ' — ', ' – '].map((b) => {
    const at = behind.lastIndexOf(b);
    return at < 0 ? 0 : at + b.length;
  }));
  const ahead = sentence.slice(clues.unitEnd, clues.unitEnd + 200);
  let clauseEnd = clues.unitEnd + ahead.length;
  for (const b of [',', ';', ':', '(', ' -- ', ' — ', ' – ', '.']) {
    const at = ahead.indexOf(b);
    if (at >= 0 && clues.unitEnd + at < clauseEnd) clauseEnd = clues.unitEnd + at;
  }
  const named = (w: Word) => clues.mentions.some((m) => w.from < m.to && m.from < w.to);
  const beforeWords = wordsIn(sentence.slice(clauseStart, clues.from), clauseStart).filter((w) => !named(w));
  const afterWords = wordsIn(sentence.slice(clues.unitEnd, clauseEnd), clues.unitEnd).filter((w) => !named(w));
  const clause = sentence.slice(clauseStart, clauseEnd);

  // A key in use whose words are all in the clause.
  const stems = new Set([...beforeWords, ...afterWords].map((w) => stem(w.word)));
  if (clues.noun) stems.add(stem(clues.noun));
  if (YOY.test(clause)) stems.add('yoy');
  if (clues.age) stems.add('age');
  let best: { key: string; size: number } | null = null;
  for (const key of knownMetrics) {
    const parts = key.split('_').filter(Boolean).map(stem);
    if (parts.length === 0 || !parts.every((p) => stems.has(p))) continue;
    if (parts.length === 1 && FUNCTION_WORDS.has(parts[0]!)) continue;
    if (!best || parts.length > best.size) best = { key, size: parts.length };
  }
  if (best) return best.key;

  if (clues.age) return 'age';
  if (clues.ordinal && clues.noun) return toKey([clues.noun, 'count']) ?? 'count';
  if (clues.compound) {
    const measured = nounPhrase(afterWords);
    const key = toKey([...measured.map((w) => w.word), 'duration']);
    if (key && measured.length > 0) return clues.unit === 'km' ? key.replace(/duration$/, 'length') : key;
  }
  // "spans approximately 100 mu", "covers 5 hectares": an area.
  if (['mu', 'hectare', 'other'].includes(clues.unit) && /\b(?:spans?|spanning|covers?|covering|covered|occup(?:y|ies|ying|ied)|area)\b/i.test(sentence.slice(Math.max(0, clues.from - 150), clues.from))) {
    if (clues.unit !== 'other' || /square/.test(sentence.slice(clues.to, clues.unitEnd))) return 'area';
  }
  const content = (words: Word[]) => words.filter((w) => !FUNCTION_WORDS.has(w.word.toLowerCase()) && !/ed$/i.test(w.word) || /^(?:freight|speed|seed|feed|need)$/i.test(w.word));
  const subject = subjectPhrase(beforeWords);
  // What changes: "a 33-fold increase in freight volume", "growth of 5 percent in exports".
  const changeIn = /\b(?:increase|growth|rise|decline|drop|decrease|jump|surge|reduction)\s+(?:in|of)\s+/i.exec(sentence.slice(clues.unitEnd, clauseEnd));
  const objectOfIn = changeIn
    ? nounPhrase(wordsIn(sentence.slice(clues.unitEnd + changeIn.index + changeIn[0].length, clauseEnd), clues.unitEnd + changeIn.index + changeIn[0].length).filter((w) => !named(w)))
    : /^\s*(?:in|of)\s+/i.test(sentence.slice(clues.unitEnd)) ? nounPhrase(afterWords.slice(1)) : [];

  if (clues.unit === 'percent' || clues.unit === 'times') {
    const topic = subject.length > 0 ? subject : objectOfIn;
    if (SHARE.test(clause) || (clues.noun === 'share')) {
      const of = /^\s*of\s+/i.test(sentence.slice(clues.unitEnd)) ? nounPhrase(afterWords.slice(1)) : [];
      return toKey(['share', 'of', ...(of.length > 0 ? of : topic).map((w) => w.word)]) ?? 'share';
    }
    const change = GROWTH.test(clause) ? 'growth' : DECLINE.test(clause) ? 'reduction' : null;
    if (change || clues.unit === 'times') {
      const changeWords = (w: Word) => !GROWTH.test(w.word) && !DECLINE.test(w.word) && !YOY.test(w.word) && !/^(?:year|on)$/i.test(w.word);
      const words = [...(objectOfIn.length > 0 ? objectOfIn : topic).filter(changeWords).map((w) => w.word), change ?? 'growth'];
      if (clues.unit === 'times') words.push('multiple');
      else if (YOY.test(clause)) words.push('yoy');
      return toKey(words) ?? 'growth';
    }
  }

  // "an annual handling capacity of 655,000 TEUs"
  const ofPhrase = /\bof\s+$/i.test(sentence.slice(Math.max(0, clues.from - 40), clues.from).replace(/(?:more than|over|about|nearly|almost|around|up to|at least|approximately|some)\s+$/i, ''));
  if (ofPhrase) {
    const np = nounPhraseBackwards(beforeWords.slice(0, -1));
    const key = toKey(np.map((w) => w.word));
    if (key && !(np.length === 1 && INTRODUCERS.has(np[0]!.word.toLowerCase()))) return key;
  }

  // "handled over 5,000 trains" -> trains_handled; "56,000 vehicles had exited" -> vehicles_exited;
  // "handled 150,000 TEU" -> teu_handled
  // A measure word ("tonnes") names the metric only when the clause has no subject of its own.
  const countedMeasure = ['TEU', 'tonne', 'container', 'wagon', 'train', 'trip', 'vehicle', 'km', 'other'].includes(clues.unit) &&
    clues.unitEnd > clues.to && subject.length === 0;
  if ((clues.noun || countedMeasure) && clues.unit !== 'percent') {
    // The verb right before the number, past a hedge ("handled over 5,000 trains").
    const verbBefore = beforeWords.filter((w) => !/^(?:over|about|nearly|almost|around|some|more|less|than|up|to|at|least|approximately|roughly)$/i.test(w.word))
      .slice(-1).find((w) => /(?:ed|ing)$/i.test(w.word) && !FUNCTION_WORDS.has(w.word.toLowerCase()) && w.to >= clues.from - 30);
    // The verb right after the noun phrase, past an auxiliary ("56,000 vehicles had exited").
    const next = afterWords.filter((w) => w.from >= clues.unitEnd);
    const verbAfter = [next[0], /^(?:had|have|has|were|was|are|is|been|be)$/i.test(next[0]?.word ?? '') ? next[1] : undefined]
      .find((w) => w && /ed$/i.test(w.word) && !FUNCTION_WORDS.has(w.word.toLowerCase()));
    const verb = verbAfter ?? verbBefore;
    const nounWords = content(afterWords.filter((w) => w.to <= clues.unitEnd)).map((w) => w.word);
    const noun = clues.unitEnd > clues.to ? wordsIn(sentence.slice(clues.to, clues.unitEnd), 0).map((w) => w.word).filter((w) => !FUNCTION_WORDS.has(w.toLowerCase())) : nounWords;
    const key = toKey([...(noun.length > 0 ? noun.slice(-3) : [clues.noun ?? clues.unit]), ...(verb ? [verb.word] : [])]);
    if (key) return key;
  }

  if (subject.length > 0) {
    const key = toKey(subject.map((w) => w.word));
    if (key) return key;
  }
  const around = content([...beforeWords.slice(-3), ...afterWords.slice(0, 3)]);
  const fallback = toKey(around.slice(0, 3).map((w) => w.word));
  if (fallback) return fallback;
  switch (clues.unit) {
    case 'USD': case 'CNY': case 'KZT': case 'EUR': case 'RUB': return 'value';
    case 'percent': return 'share';
    case 'year': case 'month': case 'week': case 'day': case 'hour': return 'duration';
    default: return 'count';
  }
}

/** The noun phrase a clause opens with, before its verb ("the trade volume between ..." -> trade volume). */
function subjectPhrase(words: Word[]): Word[] {
  const phrase: Word[] = [];
  for (const w of words) {
    const lower = w.word.toLowerCase();
    if (phrase.length === 0 && (FUNCTION_WORDS.has(lower) || /['’]s$/.test(w.word))) continue;
    if (FUNCTION_WORDS.has(lower) || /ed$/.test(lower)) break;
    phrase.push(w);
  }
  return phrase.slice(-3);
}

/** The first run of content words. */
function nounPhrase(words: Word[]): Word[] {
  const phrase: Word[] = [];
  for (const w of words) {
    const lower = w.word.toLowerCase();
    if (FUNCTION_WORDS.has(lower) || /ed$/.test(lower)) {
      if (phrase.length > 0) break;
      continue;
    }
    phrase.push(w);
  }
  return phrase.slice(0, 3);
}

/** The last run of content words ("an annual handling capacity" -> annual handling capacity). */
function nounPhraseBackwards(words: Word[]): Word[] {
  const phrase: Word[] = [];
  for (const w of [...words].reverse()) {
    const lower = w.word.toLowerCase();
    if (FUNCTION_WORDS.has(lower) || /ed$/.test(lower)) {
      if (phrase.length > 0) break;
      continue;
    }
    phrase.unshift(w);
  }
  return phrase.slice(-3);
}
