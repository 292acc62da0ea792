// Folds text to the form entity names are matched in (lowercase ASCII words separated by single
// spaces, as normalizeName does, with any-ascii transliteration), remembering for every folded
// character which code point of the original it came from, so a match maps back to exact offsets.
import anyAscii from 'any-ascii';

export interface FoldedText {
  /** Lowercase ASCII letters and digits, words separated by one space, no space at either end. */
  text: string;
  /** For each character of `text`, the index (in code points) of the original character it came from. */
  origin: number[];
}

const APOSTROPHE = /^['’‘`´ʼʻ′]$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Scripts written without spaces between words: each character is folded as a word of its own
// (any-ascii gives one pinyin syllable per Han character), so whole-word matching still works there.
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Folds a text given as code points. Apostrophes inside a word vanish ("Xi’an" → "xian"), but a
 * possessive "’s" ends the word ("Kazakhstan’s" → "kazakhstan s"), so a name is still found before
 * it; accents, case and transliteration are folded away ("Хоргос" → "khorgos", "Ürümqi" → "urumqi");
 * everything else that is not a letter or digit separates words.
 * With `keepCase`, letters keep their case (used to compare acronyms and very short names exactly).
 */
export function foldCodePoints(chars: readonly string[], keepCase = false): FoldedText {
  let text = '';
  const origin: number[] = [];
  let pendingSpace = false;
  const separate = () => {
    if (text.length > 0) pendingSpace = true;
  };
  const emit = (ascii: string, from: number) => {
    if (pendingSpace) {
      text += ' ';
      origin.push(from);
      pendingSpace = false;
    }
    text += ascii;
    origin.push(from);
  };

  chars.forEach((char, index) => {
    // Plain ASCII, most of an English text, needs no normalisation or transliteration.
    if (/^[A-Za-z0-9]$/.test(char)) return emit(keepCase ? char : char.toLowerCase(), index);
    if (/^[\x00-\x26\x28-\x5f\x61-\x7f]$/.test(char)) return separate(); // ASCII other than ' and `
    if (APOSTROPHE.test(char)) {
      if (isPossessive(chars, index)) separate();
      return;
    }
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
    if (base === '') return; // a lone combining mark belongs to the letter before it
    if (!LETTER_OR_DIGIT.test(base)) return separate();
    const unspaced = UNSPACED_SCRIPT.test(char);
    if (unspaced) separate();
    const ascii = keepCase ? anyAscii(base) : anyAscii(base).toLowerCase();
    for (const unit of ascii) {
      if (/[A-Za-z0-9]/.test(unit)) emit(unit, index);
      else if (unit !== "'") separate(); // any-ascii writes the Cyrillic soft sign as an apostrophe
    }
    if (unspaced) separate();
  });
  return { text, origin };
}

/** Folds a string (see foldCodePoints). */
export function foldName(name: string, keepCase = false): string {
  return foldCodePoints(Array.from(name), keepCase).text;
}

// "’s" after a letter and before the end of the word.
function isPossessive(chars: readonly string[], index: number): boolean {
  const before = chars[index - 1];
  const next = chars[index + 1];
  const after = chars[index + 2];
  return before !== undefined && LETTER_OR_DIGIT.test(before) && (next === 's' || next === 'S') &&
    (after === undefined || !LETTER_OR_DIGIT.test(after));
}
