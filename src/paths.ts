import { fileURLToPath } from 'node:url';

/** The generator's own folder (fonts, data, starter templates), from `src/` or `dist/` alike. */
export const TOOL_ROOT = fileURLToPath(new URL('..', import.meta.url));
