// When two hedged figures can both be true.
import { describe, expect, it } from 'vitest';
import { figuresCompatible, valueRange } from '../src/domain/figures.ts';

const billion = 1e9;

describe('hedged figures', () => {
  it('"more than X" allows anything above X, not X itself', () => {
    expect(figuresCompatible({ value: 43.8 * billion, hedge: 'more_than' }, { value: 43.9 * billion, hedge: 'exact' })).toBe(true);
    expect(figuresCompatible({ value: 43.8 * billion, hedge: 'more_than' }, { value: 40 * billion, hedge: 'exact' })).toBe(false);
    expect(figuresCompatible({ value: 10, hedge: 'more_than' }, { value: 10, hedge: 'less_than' })).toBe(false);
  });

  it('"at least X" and "up to X" meet at X', () => {
    expect(figuresCompatible({ value: 10, hedge: 'at_least' }, { value: 10, hedge: 'up_to' })).toBe(true);
    expect(figuresCompatible({ value: 10, hedge: 'at_least' }, { value: 10, hedge: 'less_than' })).toBe(false);
  });

  it('an unhedged figure is read as rounded', () => {
    expect(figuresCompatible({ value: 43.8, hedge: 'exact' }, { value: 43.81, hedge: 'exact' })).toBe(true);
    expect(figuresCompatible({ value: 43.8, hedge: 'exact' }, { value: 45, hedge: 'exact' })).toBe(false);
  });

  it('"about" spans ten percent either side, "nearly" ten percent below', () => {
    expect(valueRange(100, 'about')).toMatchObject({ low: 90, high: 110 });
    expect(valueRange(100, 'nearly')).toMatchObject({ low: 90, high: 100 });
    expect(figuresCompatible({ value: 19.5, hedge: 'nearly' }, { value: 19.4, hedge: 'exact' })).toBe(true);
    expect(figuresCompatible({ value: 19.5, hedge: 'nearly' }, { value: 20, hedge: 'exact' })).toBe(false);
  });

  it('negative figures (a fall) keep their ranges the right way round', () => {
    expect(valueRange(-10, 'about')).toMatchObject({ low: -11, high: -9 });
    expect(figuresCompatible({ value: -10, hedge: 'about' }, { value: -9.5, hedge: 'exact' })).toBe(true);
  });
});
