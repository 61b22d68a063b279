// Writes the pattern sets of the `hyphen` package that the language registry
// uses into dist/hyphenation/ (run by `npm run compile`), each as JSON of the
// hyphenator's own trie and exceptions (src/lang/hyphenation.ts, packPatterns).
// The package keeps each set as a JavaScript module of one large object
// literal, which V8 reads ten to fifteen times slower than JSON (German's: 180
// ms against 12), and the trie was then built from it letter by letter, at
// every build of a locale in that language. The patterns are the package's.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { packagedPatternSets, packPatterns } = await import(join(root, 'dist', 'lang', 'hyphenation.js'));

const out = join(root, 'dist', 'hyphenation');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const name of packagedPatternSets()) writeFileSync(join(out, `${name}.json`), JSON.stringify(packPatterns(require(`hyphen/patterns/${name}.js`))));
