import { ZineError } from '../errors.js';
import { SCHEMES, type Scheme } from '../content/schemes.js';
import { onePageZine } from './onepagezine.js';
import { bindRight, turnBacks, type ImposeOptions, type ImpositionPlan } from './plan.js';
import { saddleStitch } from './saddle.js';
import type { Binding } from './sides.js';
import { signatures } from './signatures.js';

export interface PrintOptions extends ImposeOptions {
  scheme: Scheme;
  /** Sheets per signature (the `signatures` scheme); chosen when absent. */
  signatureSheets?: number;
  /** Binding edge: left for left-to-right languages, right for right-to-left ones. */
  binding: Binding;
  /** How the printer turns the sheet for its back: short edge keeps both sides upright. */
  duplex: 'short' | 'long';
}

/** The plan of a scheme, bound and turned for the printer as the options say. */
export function impose(pageCount: number, options: PrintOptions): ImpositionPlan {
  let plan: ImpositionPlan;
  switch (options.scheme) {
    case 'saddle':
      plan = saddleStitch(pageCount, options);
      break;
    case 'signatures': {
      const sized = options.signatureSheets === undefined ? options : { ...options, sheets: options.signatureSheets };
      plan = signatures(pageCount, sized);
      break;
    }
    case 'onepagezine':
      plan = onePageZine(pageCount, options);
      break;
    default:
      throw new ZineError(`unknown imposition scheme "${String(options.scheme)}" (known: ${SCHEMES.join(', ')})`);
  }
  if (options.binding === 'right') plan = bindRight(plan);
  if (options.duplex === 'long') plan = turnBacks(plan);
  return plan;
}

/** How many pages the plan for `pageCount` pages holds, the blanks that fill its sheets included. */
export function plannedPages(pageCount: number, options: PrintOptions): number {
  return impose(pageCount, options).sheets.reduce((n, s) => n + s.front.length + s.back.length, 0);
}
