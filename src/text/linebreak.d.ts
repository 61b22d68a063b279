// linebreak ships no types: its one export is the breaker, over UAX #14's classes
declare module 'linebreak' {
  /** A break opportunity: where the next line would start, and whether the break is forced (a newline). */
  export interface Opportunity {
    position: number;
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Opportunity | null;
  }
}
