// Proposes new entities from capitalised names in an article that match no known entity: a name
// becomes a candidate only when English news conventions say what it is (a company suffix, a head
// word such as "Port" or "Ministry", a title or role next to a person, "the city of ..."), so
// sentence-initial words, months and other capitalised common words never do.
import { normalizeName, type EntityKind } from '../domain/vocabulary.ts';
import type { CandidateEntity, Mention } from './extraction.ts';
import { codePointIndex } from './sentences.ts';

interface Token {
  text: string;
  /** Lowercase, without a final dot: what the word lists are compared with. */
  word: string;
  /** UTF-16 offsets into the body. */
  start: number;
  end: number;
  capitalised: boolean;
  sentenceStart: boolean;
}

/** A name found in the text: its UTF-16 span and what it is taken to be. */
interface Found {
  start: number;
  end: number;
  kind: EntityKind;
}

// ---------------------------------------------------------------------------------------------
// Word lists: general English news usage, nothing specific to one article.

// Abbreviations whose final dot is part of the word, not the end of a sentence.
const ABBREVIATIONS = new Set([
  'co', 'ltd', 'inc', 'corp', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'gen', 'gov', 'sen',
  'rep', 'no', 'bros', 'pte', 'pvt', 'dept', 'int', 'intl', 'univ', 'assn', 'messrs', 'mt', 'ft',
]);

// Capitalised only because they start a sentence or a date; never the first word of a name.
const COMMON_CAPITALISED = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'however', 'but', 'and', 'or', 'so', 'yet', 'in',
  'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'of', 'after', 'before', 'since', 'during',
  'while', 'when', 'where', 'what', 'which', 'who', 'whom', 'whose', 'why', 'how', 'if', 'although',
  'though', 'because', 'unless', 'until', 'meanwhile', 'today', 'yesterday', 'tomorrow', 'now', 'then',
  'there', 'here', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our',
  'my', 'your', 'also', 'both', 'each', 'every', 'some', 'many', 'most', 'more', 'other', 'such', 'all',
  'any', 'according', 'despite', 'last', 'next', 'under', 'over', 'between', 'among', 'through',
  'against', 'about', 'into', 'not', 'no', 'yes', 'thus', 'therefore', 'moreover', 'furthermore',
  'besides', 'indeed', 'still', 'even', 'only', 'just', 'further', 'overall', 'currently', 'recently',
  'previously', 'finally', 'first', 'second', 'third', 'additionally', 'notably', 'similarly', 'instead',
  'otherwise', 'later', 'earlier', 'following', 'including', 'among', 'amid', 'across', 'along',
  'around', 'within', 'without', 'upon', 'via', 'per', 'than', 'like', 'unlike', 'whether', 'please',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'photo', 'file',
]);

// Lowercase words that may join two capitalised parts of one name ("Ministry of Foreign Affairs").
const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'de', 'du', 'des', 'la', 'le', 'van', 'von', 'al', 'el', 'bin', 'on']);

const COMPANY_SUFFIXES = new Set([
  'co', 'ltd', 'limited', 'llc', 'llp', 'jsc', 'pjsc', 'ojsc', 'cjsc', 'inc', 'incorporated', 'corp',
  'corporation', 'company', 'group', 'holding', 'holdings', 'plc', 'gmbh', 'ag', 's.a', 'pte', 'bhd',
  'railways', 'airlines', 'enterprises',
]);
// Legal-form words written before the name in Central Asian and Russian usage ("JSC NC KTZ").
const COMPANY_PREFIXES = new Set(['jsc', 'llp', 'llc', 'nc', 'pjsc', 'ojsc', 'cjsc', 'ooo', 'too']);

/** Head words (last words of a name, lowercase) and the kind they make; longer heads first. */
const HEADS: Array<[string[], EntityKind]> = [
  [['special', 'economic', 'zone'], 'economic_zone'],
  [['free', 'trade', 'zone'], 'economic_zone'],
  [['logistics', 'center'], 'logistics_center'],
  [['logistics', 'centre'], 'logistics_center'],
  [['logistics', 'hub'], 'logistics_center'],
  [['logistics', 'park'], 'logistics_center'],
  [['logistics', 'base'], 'logistics_center'],
  [['logistics', 'complex'], 'logistics_center'],
  [['trade', 'center'], 'facility'],
  [['trade', 'centre'], 'facility'],
  [['exhibition', 'center'], 'facility'],
  [['exhibition', 'centre'], 'facility'],
  [['studies', 'center'], 'organisation'],
  [['studies', 'centre'], 'organisation'],
  [['research', 'center'], 'organisation'],
  [['research', 'centre'], 'organisation'],
  [['news', 'agency'], 'organisation'],
  [['railway', 'express'], 'rail_service'],
  [['autonomous', 'region'], 'region'],
  [['autonomous', 'prefecture'], 'region'],
  [['economic', 'zone'], 'economic_zone'],
  [['trade', 'zone'], 'economic_zone'],
  [['development', 'zone'], 'economic_zone'],
  [['industrial', 'zone'], 'economic_zone'],
  [['industrial', 'park'], 'economic_zone'],
  [['dry', 'port'], 'dry_port'],
  [['land', 'port'], 'port'],
  [['border', 'crossing'], 'port'],
  [['railway', 'station'], 'station'],
  [['port'], 'port'],
  [['seaport'], 'port'],
  [['checkpoint'], 'port'],
  [['terminal'], 'terminal'],
  [['station'], 'station'],
  [['center'], 'facility'],
  [['centre'], 'facility'],
  [['airport'], 'facility'],
  [['workstation'], 'facility'],
  [['zone'], 'economic_zone'],
  [['city'], 'city'],
  [['province'], 'region'],
  [['prefecture'], 'region'],
  [['region'], 'region'],
  [['county'], 'region'],
  [['district'], 'region'],
  [['oblast'], 'region'],
  [['republic'], 'country'],
  [['corridor'], 'route'],
  [['route'], 'route'],
  [['initiative'], 'initiative'],
  [['summit'], 'event'],
  [['expo'], 'event'],
  [['forum'], 'event'],
  ...[
    'ministry', 'university', 'committee', 'association', 'bank', 'institute', 'institutes', 'institution',
    'commission', 'council', 'agency', 'administration', 'authority', 'bureau', 'chamber', 'federation',
    'fund', 'academy', 'union', 'party', 'organization', 'organisation', 'customs', 'department', 'office',
    'alliance', 'society', 'college', 'school', 'parliament', 'government', 'embassy', 'consulate', 'court',
    'foundation', 'secretariat', 'cabinet', 'senate', 'assembly', 'daily', 'times', 'post', 'television',
  ].map((word): [string[], EntityKind] => [[word], 'organisation']),
];

// Titles and honorifics written before a person's name.
const TITLES = new Set([
  'president', 'premier', 'chairman', 'chairwoman', 'chair', 'minister', 'ambassador', 'governor', 'mayor',
  'secretary', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'director', 'manager', 'ceo', 'king',
  'queen', 'prince', 'princess', 'sheikh', 'senator', 'deputy', 'vice', 'prime', 'chief', 'head',
  'spokesperson', 'spokesman', 'spokeswoman', 'consul', 'envoy', 'commissioner', 'chancellor', 'emir',
  'sultan', 'akim', 'general', 'executive', 'officer', 'founder', 'editor', 'reporter', 'correspondent',
  'sir', 'lord', 'lady', 'madam', 'judge', 'justice', 'captain', 'colonel', 'admiral', 'pope', 'rabbi',
]);
// Words that start a role described after a person's name: "X, director of ...", "X, a trader".
const ROLE_WORDS = new Set([
  ...TITLES, 'official', 'expert', 'analyst', 'economist', 'researcher', 'scholar', 'fellow', 'lecturer',
  'dean', 'engineer', 'driver', 'teacher', 'student', 'owner', 'partner', 'senior', 'assistant',
  'associate', 'member', 'leader', 'commander', 'adviser', 'advisor', 'counsellor', 'counselor',
  'employee', 'worker', 'farmer', 'entrepreneur', 'businessman', 'businesswoman', 'trader', 'merchant',
  'co-founder', 'cofounder', 'resident', 'citizen', 'native', 'writer', 'author', 'journalist',
  'photographer', 'diplomat', 'specialist', 'consultant', 'coordinator', 'supervisor', 'operator',
  'representative', 'delegate', 'lawmaker', 'legislator', 'politician', 'minister', 'professor',
]);

// Lowercase nouns that, right before a name, say it is a company ("shipping company Maersk").
const COMPANY_NOUNS = new Set([
  'company', 'firm', 'operator', 'carrier', 'conglomerate', 'corporation', 'giant', 'maker', 'manufacturer',
  'producer', 'developer', 'lender', 'insurer', 'airline', 'automaker', 'shipper', 'forwarder', 'retailer',
]);

// Adjectives of nationality or place are capitalised but name nothing before a lowercase head
// ("Chinese terminal", "Central Asian port").
const DEMONYMS = new Set([
  'chinese', 'kazakh', 'kazakhstani', 'uzbek', 'kyrgyz', 'tajik', 'turkmen', 'afghan', 'russian',
  'european', 'asian', 'eurasian', 'american', 'african', 'indian', 'iranian', 'italian', 'german',
  'korean', 'japanese', 'mongolian', 'georgian', 'azerbaijani', 'belarusian', 'ukrainian', 'pakistani',
  'turkish', 'hungarian', 'polish', 'french', 'british', 'english', 'spanish', 'dutch', 'greek', 'swiss',
  'czech', 'canadian', 'australian', 'austrian', 'brazilian', 'egyptian', 'saudi', 'emirati', 'arab',
  'israeli', 'syrian', 'iraqi', 'thai', 'vietnamese', 'uygur', 'uyghur', 'tibetan', 'mongol', 'western',
  'eastern', 'northern', 'southern', 'central', 'northwest', 'northeast', 'southwest', 'southeast',
  'international', 'national', 'local', 'foreign', 'global', 'regional', 'domestic', 'new', 'old',
]);

// Heads written in lowercase after a name ("Selyatino station", "Hebei province").
const LOWER_HEADS: Array<[string[], EntityKind]> = [
  [['autonomous', 'region'], 'region'],
  [['autonomous', 'prefecture'], 'region'],
  [['dry', 'port'], 'dry_port'],
  [['land', 'port'], 'port'],
  [['border', 'port'], 'port'],
  [['railway', 'station'], 'station'],
  [['logistics', 'center'], 'logistics_center'],
  [['logistics', 'centre'], 'logistics_center'],
  [['free', 'trade', 'zone'], 'economic_zone'],
  [['port'], 'port'],
  [['terminal'], 'terminal'],
  [['station'], 'station'],
  [['city'], 'city'],
  [['province'], 'region'],
  [['prefecture'], 'region'],
  [['county'], 'region'],
  [['district'], 'region'],
  [['oblast'], 'region'],
  [['corridor'], 'route'],
];
// Heads of sites, which may follow descriptive words; places ("city", "province") may not.
const SITE_HEAD_KINDS = new Set<EntityKind>(['port', 'dry_port', 'station', 'terminal', 'logistics_center']);
// Lowercase words that never describe a site: "Almaty and its station", "Aktau to the port".
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'its',
  'their', 'his', 'her', 'our', 'this', 'that', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'said',
  'says', 'new', 'old', 'main', 'local', 'nearby', 'other', 'own',
]);

// "the city of X", "the port of X": a lowercase head before "of" and a name.
const HEADS_BEFORE_OF: Record<string, EntityKind> = {
  city: 'city', town: 'city', port: 'port', province: 'region', region: 'region', prefecture: 'region',
  county: 'region', republic: 'country', country: 'country',
};

// ---------------------------------------------------------------------------------------------
// Tokens

// A word: letters/digits with inner apostrophes or hyphens (not a possessive "'s"), a dotted
// abbreviation ("U.S.", "S.A."), or a word with the dot of a known abbreviation ("Co.", "Mr.").
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:-|['’](?!s(?![\p{L}\p{N}])))[\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*\.?/gu;

function tokenize(line: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of line.matchAll(WORD)) {
    let text = match[0];
    const bare = text.replace(/\.$/, '');
    // Keep a final dot only on abbreviations and initials; otherwise it ends the sentence.
    if (text.endsWith('.') && !/^(?:\p{L}\.){2,}$/u.test(text) && !ABBREVIATIONS.has(bare.toLowerCase()) && !/^\p{Lu}$/u.test(bare)) {
      text = bare;
    }
    const start = match.index ?? 0;
    const gap = line.slice(previousEnd, start);
    const before = tokens[tokens.length - 1];
    // A sentence starts a line, or follows terminal punctuation (an initial's or a dotted
    // acronym's full stop counts: "... in the U.S. The port ...").
    const sentenceStart = before === undefined || /[.!?:]/.test(gap) ||
      (before.text.endsWith('.') && !ABBREVIATIONS.has(before.word) && /\s/.test(gap));
    tokens.push({
      text,
      word: text.toLowerCase().replace(/\.$/, ''),
      start: offset + start,
      end: offset + start + text.length,
      capitalised: /^\p{Lu}/u.test(text),
      sentenceStart,
    });
    previousEnd = start + text.length;
  }
  return tokens;
}

// A headline in title case ("Chinese Leaders' Visit Takes Ties To New Height"): its capitals do not
// mark names, so no candidate is read from it.
function isTitleCase(tokens: readonly Token[], line: string): boolean {
  if (/[.!?]["”’)]?(?:\s|$)/u.test(line)) return false; // a sentence ends in it: prose, not a headline
  const significant = tokens.filter((token) => /\p{L}/u.test(token.text) && !CONNECTORS.has(token.word) && !['a', 'an', 'to', 'in', 'at', 'as', 'by', 'with', 'from'].includes(token.word));
  return significant.length >= 4 && significant.filter((token) => token.capitalised).length / significant.length >= 0.75;
}

// ---------------------------------------------------------------------------------------------
// Capitalised runs: "Xinjiang KTZ International Logistics Co., Ltd.", "Ministry of Foreign Affairs",
// "China-Kazakhstan (Xi'an) Trade and Logistics Co., Ltd.".

function gapJoins(gap: string, next: Token, inParens: boolean): 'space' | 'open' | 'close' | null {
  if (/^[ \t\u00a0]+$/.test(gap) || /^[ \t\u00a0]*&[ \t\u00a0]*$/.test(gap)) return 'space';
  if (/^,[ \t\u00a0]*$/.test(gap) && COMPANY_SUFFIXES.has(next.word)) return 'space';
  if (!inParens && /^[ \t\u00a0]*\($/.test(gap)) return 'open';
  if (inParens && /^\)[ \t\u00a0]+$/.test(gap)) return 'close';
  return null;
}

/** Runs of tokens (indices, inclusive) that read as one name. */
function capitalisedRuns(tokens: readonly Token[], body: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i]!.capitalised) {
      i++;
      continue;
    }
    let last = i; // the last capitalised token joined
    let lastBalanced = i; // ... of those, the last with no parenthesis left open
    let open = false;
    for (let j = i; ; ) {
      // Reach the next capitalised token over at most two lowercase connectors ("of the").
      let k = j + 1;
      let opened: boolean = open;
      let reached = false;
      while (k < tokens.length) {
        const next = tokens[k]!;
        const mode = gapJoins(body.slice(tokens[k - 1]!.end, next.start), next, opened);
        if (mode === null) break;
        if (mode === 'open') opened = true;
        else if (mode === 'close') opened = false;
        if (next.capitalised) {
          reached = true;
          break;
        }
        if (!CONNECTORS.has(next.text) || k - j > 2) break;
        k++;
      }
      if (!reached) break;
      j = k;
      open = opened;
      last = k;
      if (!open) lastBalanced = k;
    }
    runs.push([i, open ? lastBalanced : last]);
    i = last + 1;
  }
  return runs;
}

/**
 * Splits a run at "and" where it lists names ("Halyk Bank and the Astana Logistics Association",
 * "Shanghai and Lianyungang"), not where "and" is inside one ("Trade and Logistics Co., Ltd.",
 * "Ministry of Trade and Integration"): two parts stay one name when exactly one of them has a head
 * word or legal form, unless the part before is a known entity ("Urumqi and Khorgos Port").
 */
function splitListedNames(tokens: readonly Token[], from: number, to: number, isKnown: (start: number, end: number) => boolean): Array<[number, number]> {
  // "the Port of Aktau and Kuryk port": the last part has its head in lowercase after the run.
  const following = tokens.slice(to + 1, to + 4).map((token) => token.word);
  const lowerHeadAfter = !tokens[to + 1]?.capitalised && LOWER_HEADS.some(([head]) => head.every((word, index) => following[index] === word));
  const parts: Array<[number, number]> = [];
  let partStart = from;
  for (let i = from; i <= to; i++) {
    if (tokens[i]!.text !== 'and') continue;
    parts.push([partStart, i - 1]);
    partStart = i + 1;
    while (partStart <= to && CONNECTORS.has(tokens[partStart]!.text)) partStart++;
    i = partStart - 1;
  }
  parts.push([partStart, to]);
  // A head word, a legal form or a title ("President X and President Y") makes a part a name of its own.
  const hasHead = ([a, b]: [number, number]) => tokens.slice(a, b + 1).some((token) =>
    COMPANY_SUFFIXES.has(token.word) || COMPANY_PREFIXES.has(token.word) || TITLES.has(token.word) || headAt([token.word], 0, HEADS) !== null);
  const merged: Array<[number, number]> = [];
  parts.forEach((part, index) => {
    const previous = merged[merged.length - 1];
    const ownHead = hasHead(part) || (index === parts.length - 1 && lowerHeadAfter);
    // Plain names listed ("Shanghai and Lianyungang") stay apart; a head or legal form on one side
    // binds the other to it ("Trade and Logistics Co.", "Ministry of Trade and Integration").
    if (previous && !isKnown(tokens[previous[0]]!.start, tokens[previous[1]]!.end) && hasHead(previous) !== ownHead) {
      previous[1] = part[1];
    } else {
      merged.push([...part]);
    }
  });
  return merged.filter(([a, b]) => a <= b);
}

// ---------------------------------------------------------------------------------------------

function headAt(words: readonly string[], end: number, heads: ReadonlyArray<[string[], EntityKind]>): [number, EntityKind] | null {
  for (const [head, kind] of heads) {
    const from = end - head.length + 1;
    if (from < 0) continue;
    if (head.every((word, index) => words[from + index] === word)) return [head.length, kind];
  }
  return null;
}

/**
 * The kind a name's last words make, whatever their case ("Xi'an Dry Port", "Selyatino station"),
 * or null; company legal forms count ("... Co., Ltd."). Used where only a mention's text is known.
 */
export function kindByHeadWord(name: string): EntityKind | null {
  const words = name.toLowerCase().split(/[^\p{L}\p{N}.-]+/u).map((word) => word.replace(/\.$/, '')).filter(Boolean);
  const last = words.length - 1;
  if (last < 0) return null;
  if (COMPANY_SUFFIXES.has(words[last]!) && last > 0) return 'company';
  return headAt(words, last, HEADS)?.[1] ?? null;
}

/** A word of a proper name: capitalised, with lowercase letters, not a title, head or common word. */
const isNameWord = (token: Token): boolean =>
  token.capitalised && /\p{Ll}/u.test(token.text) && !/\p{N}/u.test(token.text) &&
  !COMMON_CAPITALISED.has(token.word) && !TITLES.has(token.word) && !COMPANY_SUFFIXES.has(token.word) &&
  headAt([token.word], 0, HEADS) === null;
/** An acronym also names: "CRK Terminal", "KTZ Express". */
const isAcronym = (token: Token): boolean => /^\p{Lu}[\p{Lu}\p{N}&-]{1,7}$/u.test(token.text) && !COMPANY_PREFIXES.has(token.word);
const namesSomething = (token: Token): boolean => isNameWord(token) || isAcronym(token);
const isDemonym = (token: Token): boolean => DEMONYMS.has(token.word);

/** What a run of capitalised tokens names, when news conventions say; nothing otherwise. */
function readRun(tokens: readonly Token[], from: number, to: number, body: string): Found[] {
  let start = from;
  // Words that start no name are dropped from the front of the run.
  for (;;) {
    if (start > to) return [];
    const word = tokens[start]!.word;
    // Common capitalised words ("The", "However", months) and adjectives ("Tokyo-based", "China-made").
    if (COMMON_CAPITALISED.has(word) || /-\p{Ll}+$/u.test(tokens[start]!.text)) {
      start++;
      continue;
    }
    // A sentence-opening word before "of" is a common noun ("Shares of X LLC"), unless it is a
    // head that takes an "of" phrase ("Ministry of Commerce").
    const following = tokens[start + 1];
    if (tokens[start]!.sentenceStart && start < to && following && CONNECTORS.has(following.text) && headAt([word], 0, HEADS) === null) {
      start++;
      while (start <= to && CONNECTORS.has(tokens[start]!.text)) start++;
      continue;
    }
    // A title before "of": "Secretary of the CPC Committee" names the committee.
    let titleEnd = start;
    while (titleEnd <= to && TITLES.has(tokens[titleEnd]!.word)) titleEnd++;
    if (titleEnd > start && titleEnd < to && CONNECTORS.has(tokens[titleEnd]!.text)) {
      start = titleEnd;
      while (start <= to && CONNECTORS.has(tokens[start]!.text)) start++;
      continue;
    }
    break;
  }
  const run = tokens.slice(start, to + 1);
  const words = run.map((token) => token.word);
  const first = run[0]!;
  const lastToken = run[run.length - 1]!;
  const whole = (kind: EntityKind): Found[] => [{ start: first.start, end: lastToken.end, kind }];

  // A person with a title and an affiliation: "Professor Li Ming of Xinjiang University".
  const firstTitle = words.findIndex((word) => TITLES.has(word));
  const of = words.indexOf('of', firstTitle + 1);
  if (firstTitle >= 0 && of > firstTitle + 1 && of - firstTitle - 1 <= 4 && run.slice(firstTitle + 1, of).every(isNameWord)) {
    const person: Found = { start: run[firstTitle + 1]!.start, end: run[of - 1]!.end, kind: 'person' };
    let rest = start + of + 1;
    while (rest <= to && CONNECTORS.has(tokens[rest]!.text)) rest++;
    return rest <= to ? [person, ...readRun(tokens, rest, to, body)] : [person];
  }

  // A person after a title: "President Xi Jinping", "Kazakh President Tokayev", "Mr. Nureshev".
  let lastTitle = -1;
  words.forEach((word, index) => {
    if (TITLES.has(word)) lastTitle = index;
  });
  if (lastTitle >= 0 && lastTitle < run.length - 1) {
    const name = run.slice(lastTitle + 1);
    if (name.length <= 4 && name.every(isNameWord)) return [{ start: name[0]!.start, end: lastToken.end, kind: 'person' }];
  }

  // A company by its legal form: "... Co., Ltd.", "NC KTZ JSC", "JSC Kazakhstan Temir Zholy".
  let lastSuffix = -1;
  words.forEach((word, index) => {
    if (COMPANY_SUFFIXES.has(word) && index > 0) lastSuffix = index;
  });
  if (lastSuffix > 0 && run.slice(0, lastSuffix).some(namesSomething)) {
    return [{ start: first.start, end: run[lastSuffix]!.end, kind: 'company' }];
  }
  if (COMPANY_PREFIXES.has(words[0] ?? '') && run.slice(1).some(namesSomething)) return whole('company');

  // A head word, the last one in the run that has a name before it (or in its "of" phrase):
  // "Xi'an Dry Port", "Ministry of Commerce", "Lanzhou University", "CRK Terminal".
  for (let end = run.length - 1; end >= 0; end--) {
    const head = headAt(words, end, HEADS);
    if (!head) continue;
    const [length, kind] = head;
    // "Ministry of Foreign Affairs", "Port of Aktau", "Bank for Reconstruction and Development":
    // an "of"/"for" phrase after the head is part of the name.
    const ofTail = words[end + 1] === 'of' || words[end + 1] === 'for';
    const named = run.slice(0, end - length + 1).some(namesSomething) || (ofTail && run.slice(end + 1).some(namesSomething));
    if (!named) continue;
    return [{ start: first.start, end: (ofTail ? lastToken : run[end]!).end, kind }];
  }

  // The rest needs a name made only of name words, read from the words around it.
  if (!run.every(isNameWord)) return [];
  const before = tokens[from - 1];
  const after = tokens[to + 1];
  const textBefore = body.slice(Math.max(0, first.start - 60), first.start);
  const textAfter = body.slice(lastToken.end, lastToken.end + 80);
  const spaceOnly = (a: number, b: number) => /^[ \t\u00a0]+$/.test(body.slice(a, b));

  // A person: a lowercase title before ("ambassador Nureshev"); an age ("27-year-old Muratbekov
  // Alisher", "Gao Yun, a 45-year-old ..."); a role after ("Li Gang, general manager of ...").
  if (run.length <= 4 && before && start === from && !before.capitalised && TITLES.has(before.word) && spaceOnly(before.end, first.start)) {
    return whole('person');
  }
  if (run.length >= 2 && run.length <= 4) {
    if (/\b\d{1,3}-year-old\s+$/.test(textBefore)) return whole('person');
    // "Secretary of the CPC Committee of Xi'an, Fan Hongwei, met ...": a name set off after a title.
    const titled = /(?:^|[.;:]\s+|\s)([\p{L}]+)\s+(?:of|at|for)\s+[^,.;:!?]{2,80},\s+$/u.exec(body.slice(Math.max(0, first.start - 120), first.start));
    if (titled && TITLES.has(titled[1]!.toLowerCase()) && /^,/.test(textAfter)) return whole('person');
    const role = /^,\s+(?:(?:a|an|the)\s+)?(?:\d{1,3}-year-old\b|([\p{L}-]+))/u.exec(textAfter);
    if (role && (role[1] === undefined || ROLE_WORDS.has(role[1].toLowerCase()))) return whole('person');
  }

  // A company named right after what it is: "railway company Kazakhstan Temir Zholy", "carrier Air Astana".
  if (before && start === from && !first.sentenceStart && COMPANY_NOUNS.has(before.word) && spaceOnly(before.end, first.start)) {
    return whole('company');
  }

  // A place with a lowercase head after it: "Selyatino station", "Hebei province", "Korla city".
  // A lone capitalised word opening a sentence may be a common noun ("Cargo terminal ..."), and a
  // nationality adjective names nothing ("Chinese terminal"), except in "Kazakh autonomous prefecture".
  const loneOpener = run.length === 1 && first.sentenceStart;
  if (!loneOpener && after && !after.capitalised && spaceOnly(lastToken.end, after.start)) {
    const following = tokens.slice(to + 1, to + 6).map((token) => token.word);
    for (const [head, kind] of LOWER_HEADS) {
      // A site's head may follow a word or two that say what sort it is ("Dostyk border inspection station").
      const skip = [0, 1, 2].find((modifiers) =>
        (modifiers === 0 || SITE_HEAD_KINDS.has(kind)) &&
        following.slice(0, modifiers).every((word) => /^\p{Ll}[\p{Ll}-]*$/u.test(word) && !FUNCTION_WORDS.has(word)) &&
        head.every((word, index) => following[modifiers + index] === word));
      if (skip === undefined) continue;
      if (head[0] !== 'autonomous' && isDemonym(lastToken)) return [];
      // A city is named by its own name; other places keep the head word ("Selyatino station").
      return kind === 'city' ? whole(kind) : [{ start: first.start, end: tokens[to + skip + head.length]!.end, kind }];
    }
  }
  if (run.some(isDemonym)) return [];
  // "the city of X", "the port of X" (named with its head), "X, the capital of ...", "X, a city in ...".
  const ofHead = /(?<![\p{L}\p{N}])(\p{Ll}+)\s+of\s+$/u.exec(textBefore);
  const headKind = ofHead ? HEADS_BEFORE_OF[ofHead[1]!] : undefined;
  if (ofHead && headKind) {
    const headStart = first.start - ofHead[0].length;
    return [{ start: headKind === 'port' ? headStart : first.start, end: lastToken.end, kind: headKind }];
  }
  if (/^,\s+(?:the|a|an)\s+(?:\p{Ll}+\s+)?(?:capital|city)\b/u.test(textAfter)) return whole('city');
  // "in Korla, Bayingolin Prefecture": a place named before the province or prefecture it is in.
  if (/^,\s+(?:\p{Lu}[\p{L}'’-]*\s+){1,3}(?:Province|Prefecture|Autonomous Region|Oblast|Region|County)\b/u.test(textAfter) &&
    /\b(?:in|at|near|from)\s+$/u.test(textBefore)) return whole('city');
  return [];
}

// ---------------------------------------------------------------------------------------------

function candidateKey(name: string): string {
  return normalizeName(name).replace(/ /g, '-');
}

// Trailing legal-form words of a company name: ", Co., Ltd.", " LLC", " JSC".
const LEGAL_FORM_TAIL = new RegExp(
  `(?:,?\\s+(?:${[...COMPANY_SUFFIXES].filter((word) => !['company', 'group', 'railways', 'airlines', 'enterprises', 'corporation'].includes(word)).map((word) => word.replace('.', '\\.')).join('|')})\\.?)+$`,
  'i',
);

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{M}\p{N}]/u.test(char);

/**
 * Capitalised names that match no known entity become candidate entities with a guessed kind; every
 * occurrence of a candidate's name (as written, whole words) becomes a mention of it. `known` are
 * the mentions of known entities: a name lying inside one of them is not proposed again.
 */
export function proposeCandidateEntities(body: string, known: readonly Mention[]): { candidates: CandidateEntity[]; mentions: Mention[] } {
  const toCodePoint = codePointIndex(body);
  const insideKnown = (start: number, end: number) => {
    const s = toCodePoint(start);
    const e = toCodePoint(end);
    return known.some((mention) => mention.start <= s && mention.end >= e);
  };
  // A name whose last words (before any legal form) are a known entity's is that entity with a
  // qualifier: "Xinjiang KTZ Co., Ltd." when "Xinjiang KTZ" is known, "BRI-Eurasian Economic Union".
  const endsWithKnown = (start: number, end: number) => {
    const core = body.slice(start, end).replace(LEGAL_FORM_TAIL, '');
    const s = toCodePoint(start);
    const e = toCodePoint(start + core.length);
    return known.some((mention) => mention.start >= s && mention.end === e);
  };

  const candidates = new Map<string, CandidateEntity>();
  const spellings = new Map<string, Set<string>>(); // key -> the names as written
  let lineStart = 0;
  for (const line of body.split('\n')) {
    const tokens = tokenize(line, lineStart);
    if (!isTitleCase(tokens, line)) {
      const runs = capitalisedRuns(tokens, body).flatMap(([from, to]) => splitListedNames(tokens, from, to, insideKnown));
      for (const [from, to] of runs) {
        for (const found of readRun(tokens, from, to, body)) {
          if (insideKnown(found.start, found.end) || endsWithKnown(found.start, found.end)) continue;
          const name = body.slice(found.start, found.end);
          const key = candidateKey(name);
          if (key === '') continue;
          if (!candidates.has(key)) candidates.set(key, { key, name, kind: found.kind });
          const written = spellings.get(key) ?? new Set<string>();
          written.add(name);
          spellings.set(key, written);
        }
      }
    }
    lineStart += line.length + 1;
  }

  // Every occurrence of every spelling, whole words, leftmost-longest, outside known mentions.
  const occurrences: Array<{ start: number; end: number; key: string }> = [];
  for (const [key, names] of spellings) {
    for (const name of names) {
      for (let at = body.indexOf(name); at !== -1; at = body.indexOf(name, at + 1)) {
        const end = at + name.length;
        if (isWordChar(body[at - 1]) || isWordChar(body[end])) continue;
        if (insideKnown(at, end)) continue;
        occurrences.push({ start: at, end, key });
      }
    }
  }
  occurrences.sort((a, b) => a.start - b.start || b.end - a.end);
  const mentions: Mention[] = [];
  let reached = 0;
  for (const occurrence of occurrences) {
    if (occurrence.start < reached) continue;
    reached = occurrence.end;
    mentions.push({
      start: toCodePoint(occurrence.start),
      end: toCodePoint(occurrence.end),
      text: body.slice(occurrence.start, occurrence.end),
      entity: { candidateKey: occurrence.key },
    });
  }
  return { candidates: [...candidates.values()], mentions };
}
