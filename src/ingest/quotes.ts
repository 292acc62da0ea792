// Finds a verbatim quote in an article body and gives its offsets as PostgreSQL counts characters
// (Unicode code points), so the database can check substr(body, start + 1, length) = quote.

export interface QuoteLocation {
  startOffset: number;
  endOffset: number;
}

/** The `occurrence`-th (1-based) place the quote occurs in the body, or null when it does not. */
export function locateQuote(body: string, quote: string, occurrence = 1): QuoteLocation | null {
  if (quote.length === 0) return null;
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = body.indexOf(quote, index + 1);
    if (index === -1) return null;
  }
  const startOffset = codePointLength(body.slice(0, index));
  return { startOffset, endOffset: startOffset + codePointLength(quote) };
}

/** How many places the quote occurs in the body, overlapping ones included (as locateQuote counts them). */
export function countQuoteOccurrences(body: string, quote: string): number {
  if (quote.length === 0) return 0;
  let count = 0;
  for (let index = body.indexOf(quote); index !== -1; index = body.indexOf(quote, index + 1)) count++;
  return count;
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}
