// Writes the pattern sets of the `hyphen` package that the language registry
// uses into dist/hyphenation/ (run by `npm run compile`), each as JSON of the
// hyphenator's own trie and exceptions (src/lang/hyphenation.ts, packPatterns).
// The package keeps each set as a JavaScript module of one large object
// literal, which V8 reads ten to fifteen times slower than JSON (German's: 180
// ms against 12), and the trie was then built from it letter by letter, at
// every build of a locale in that language. The patterns are the package's.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = join(root, 'dist', 'hyphenation');

// what the sets are made from (the package's patterns, and the compiled code that packs and lists them), kept
// beside them: a compile with nothing changed (npm test's after npm ci's) leaves them as they are
const made = join(root, 'dist', '.hyphenation-made-from');
const from = createHash('sha256')
  .update(readFileSync(require.resolve('hyphen/package.json')))
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(join(root, 'dist', 'lang', 'hyphenation.js')))
  .update(readFileSync(join(root, 'dist', 'lang', 'liang.js')))
  .update(readFileSync(join(root, 'dist', 'lang', 'characters.js')))
  .digest('hex');
const { packagedPatternSets, packPatterns } = await import(join(root, 'dist', 'lang', 'hyphenation.js'));
const file = (name) => join(out, `${name}.json`);
if (existsSync(made) && readFileSync(made, 'utf8') === from && packagedPatternSets().every((name) => existsSync(file(name)))) process.exit(0);

rmSync(made, { force: true });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const name of packagedPatternSets()) writeFileSync(file(name), JSON.stringify(packPatterns(require(`hyphen/patterns/${name}.js`))));
writeFileSync(made, from);
