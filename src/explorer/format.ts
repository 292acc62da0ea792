// How figures read: "more than 43.8 billion USD", "2024-01-01 – 2024-12-31".
const HEDGE_WORDS: Record<string, string> = {
  ABOUT: 'about',
  AT_LEAST: 'at least',
  EXACT: '',
  LESS_THAN: 'less than',
  MORE_THAN: 'more than',
  NEARLY: 'nearly',
  UP_TO: 'up to',
};

export function hedgeWords(hedge: string): string {
  return HEDGE_WORDS[hedge] ?? hedge.toLowerCase().replace(/_/g, ' ');
}

export function formatNumber(value: number | null | undefined): string {
  if (value == null) return '';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trim(value / 1e9)} billion`;
  if (abs >= 1e6) return `${trim(value / 1e6)} million`;
  return value.toLocaleString('en', { maximumFractionDigits: 2 });
}

function trim(value: number): string {
  return value.toLocaleString('en', { maximumFractionDigits: 3 });
}

// Codes read as codes (USD, TEU); every other unit as a word.
const UNIT_CODES = new Set(['CNY', 'EUR', 'KZT', 'RUB', 'USD', 'TEU']);

export function unitWords(unit: string, unitText?: string | null): string {
  if (unit === 'OTHER' && unitText) return unitText;
  if (unit === 'PERCENT') return '%';
  return UNIT_CODES.has(unit) ? unit : unit.toLowerCase();
}

/** "more than 43.8 billion USD" */
export function describeFigure(figure: { value?: number | null; unit: string; unitText?: string | null; hedge: string }): string {
  return [hedgeWords(figure.hedge), formatNumber(figure.value), unitWords(figure.unit, figure.unitText)].filter(Boolean).join(' ');
}

export function describePeriod(period: { text?: string | null; start?: string | null; end?: string | null }): string {
  const range = period.start && period.end ? (period.start === period.end ? period.start : `${period.start} – ${period.end}`) : '';
  if (period.text && range) return `${period.text} (${range})`;
  return period.text ?? range;
}
