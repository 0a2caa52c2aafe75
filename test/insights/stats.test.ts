import { describe, expect, it } from 'vitest';
import { criticalZ, normalQuantile, twoProportionZ, wilsonInterval } from '../../src/insights/stats.js';

describe('normal quantile', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959964],
    [0.995, 2.575829],
    [0.001, -3.090232],
  ])('Φ⁻¹(%s) = %s', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 5);
  });
});

describe('Wilson interval', () => {
  it('matches published values', () => {
    // 10 of 100 at 95%: 0.0552–0.1744 (Newcombe 1998, and any statistics package).
    const { low, high } = wilsonInterval(10, 100);
    expect(low).toBeCloseTo(0.0552, 4);
    expect(high).toBeCloseTo(0.1744, 4);
  });

  it('stays inside [0, 1] and is wide for a handful of clicks', () => {
    expect(wilsonInterval(0, 5).low).toBe(0);
    expect(wilsonInterval(5, 5).high).toBe(1);
    const few = wilsonInterval(1, 5);
    expect(few.high - few.low).toBeGreaterThan(0.5);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('two-proportion z', () => {
  it('is signed, and 0 with nothing to compare', () => {
    expect(twoProportionZ(60, 1000, 15, 1000)).toBeGreaterThan(5);
    expect(twoProportionZ(15, 1000, 60, 1000)).toBeLessThan(-5);
    expect(twoProportionZ(0, 100, 0, 100)).toBe(0);
    expect(twoProportionZ(3, 0, 1, 10)).toBe(0);
  });

  it('Bonferroni raises the bar with the number of tests', () => {
    expect(criticalZ(0.05, 1)).toBeCloseTo(1.96, 2);
    expect(criticalZ(0.05, 50)).toBeGreaterThan(3.2);
  });
});
