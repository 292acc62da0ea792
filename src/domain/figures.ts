// What a hedged figure allows the true value to be, and whether two figures can both be true.
import type { Hedge } from './vocabulary.ts';

/** The range of true values a stated figure allows; open ends exclude the bound. */
export interface ValueRange {
  low: number;
  high: number;
  lowOpen: boolean;
  highOpen: boolean;
}

// A figure printed as "43.8 billion" is rounded: an unhedged value is taken to within half a
// percent. "About" allows ten percent either side, "nearly" ten percent below.
const ROUNDING = 0.005;
const ABOUT = 0.1;
const NEARLY = 0.1;

export function valueRange(value: number, hedge: Hedge): ValueRange {
  const span = (share: number) => Math.abs(value) * share;
  switch (hedge) {
    case 'more_than':
      return { low: value, high: Infinity, lowOpen: true, highOpen: false };
    case 'at_least':
      return { low: value, high: Infinity, lowOpen: false, highOpen: false };
    case 'less_than':
      return { low: -Infinity, high: value, lowOpen: false, highOpen: true };
    case 'up_to':
      return { low: -Infinity, high: value, lowOpen: false, highOpen: false };
    case 'about':
      return { low: value - span(ABOUT), high: value + span(ABOUT), lowOpen: false, highOpen: false };
    case 'nearly':
      return { low: value - span(NEARLY), high: value, lowOpen: false, highOpen: false };
    default:
      return { low: value - span(ROUNDING), high: value + span(ROUNDING), lowOpen: false, highOpen: false };
  }
}

/** True when some single true value satisfies both figures ("more than 43.8bn" and "43.9bn" can). */
export function figuresCompatible(a: { value: number; hedge: Hedge }, b: { value: number; hedge: Hedge }): boolean {
  const x = valueRange(a.value, a.hedge);
  const y = valueRange(b.value, b.hedge);
  const low = Math.max(x.low, y.low);
  const high = Math.min(x.high, y.high);
  if (low < high) return true;
  if (low > high) return false;
  // The ranges touch at one point: compatible only if neither excludes it.
  const lowOpen = (x.low === low && x.lowOpen) || (y.low === low && y.lowOpen);
  const highOpen = (x.high === high && x.highOpen) || (y.high === high && y.highOpen);
  return !lowOpen && !highOpen;
}
