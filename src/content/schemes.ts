/** The imposition schemes, by the names zine.json and the command line give them. */
export const SCHEMES = ['saddle', 'signatures', 'onepagezine'] as const;
export type Scheme = (typeof SCHEMES)[number];
