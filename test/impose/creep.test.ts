import { describe, expect, it } from 'vitest';
import { creepWarning, largestCreep } from '../../src/impose/plan.js';
import { impose, type PrintOptions } from '../../src/impose/schemes.js';

const MM = 72 / 25.4;
const options = (over: Partial<PrintOptions> = {}): PrintOptions => ({
  scheme: 'saddle', keepLast: 1, thickness: 0.1 * MM, binding: 'left', duplex: 'short', ...over,
});

describe('creep', () => {
  it('is largest on the innermost sheet: a paper thickness per sheet outside it', () => {
    // 40 pages: 10 nested sheets, the innermost 9 thicknesses in
    expect(largestCreep(impose(40, options()))).toBeCloseTo(0.9 * MM);
    expect(largestCreep(impose(40, options({ scheme: 'signatures', signatureSheets: 2 })))).toBeCloseTo(0.1 * MM);
    expect(largestCreep(impose(8, options({ scheme: 'onepagezine' })))).toBe(0);
    expect(largestCreep(impose(40, options({ thickness: 0 })))).toBe(0);
  });

  it('warns when the innermost sheet\'s pages shift further than the inner margin, naming the setting', () => {
    const plan = impose(40, options());
    expect(creepWarning(plan, 1 * MM)).toBeUndefined();
    expect(creepWarning(plan, 0.9 * MM)).toBeUndefined();
    const warning = creepWarning(plan, 0.5 * MM);
    expect(warning).toBe(
      'for creep, the innermost sheet\'s pages shift 0.9mm toward the fold, more than the inner margin (0.5mm): its text crosses the fold; '
      + 'use thinner paper (print.paperThickness, --creep), a wider inner margin, or the signatures scheme',
    );
    expect(creepWarning(impose(40, options({ binding: 'right', duplex: 'long' })), 0.5 * MM)).toBe(warning);
    expect(creepWarning(impose(40, options({ scheme: 'signatures', signatureSheets: 2 })), 0.5 * MM)).toBeUndefined();
  });
});
