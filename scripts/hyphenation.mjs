// Writes the pattern sets the language registry uses into dist/hyphenation/
// (run by `npm run compile`), each as JSON of the hyphenator's own trie and
// exceptions (src/lang/hyphenation.ts, packPatterns): the `hyphen` package's,
// and ours in data/hyphenation/. The package keeps each set as a JavaScript
// module of one large object literal, which V8 reads ten to fifteen times
// slower than JSON (German's: 180 ms against 12); ours are TeX's text, and
// each trie was then built from them letter by letter, at every build of a
// locale in that language. The patterns are the package's and the files'.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = join(root, 'dist', 'hyphenation');

// what the sets are made from (the package's patterns, our pattern files, and the compiled code that packs and
// lists them), kept beside them: a compile with nothing changed (npm test's after npm ci's) leaves them as they are
const madeFrom = join(root, 'dist', '.hyphenation-made-from');
const from = createHash('sha256')
  .update(readFileSync(require.resolve('hyphen/package.json')))
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(join(root, 'dist', 'lang', 'hyphenation.js')))
  .update(readFileSync(join(root, 'dist', 'lang', 'liang.js')))
  .update(readFileSync(join(root, 'dist', 'lang', 'characters.js')));
const { packagedPatternSets, packPatterns, vendoredPatternFiles, vendoredName, packPatternFile } = await import(join(root, 'dist', 'lang', 'hyphenation.js'));
const ours = new Map(vendoredPatternFiles().map((name) => [vendoredName(name), readFileSync(join(root, 'data', 'hyphenation', name), 'utf8')]));
for (const text of ours.values()) from.update(text);
const made = from.digest('hex');
const file = (name) => join(out, `${name}.json`);
const names = [...packagedPatternSets(), ...ours.keys()];
if (existsSync(madeFrom) && readFileSync(madeFrom, 'utf8') === made && names.every((name) => existsSync(file(name)))) process.exit(0);

rmSync(madeFrom, { force: true });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const name of packagedPatternSets()) writeFileSync(file(name), JSON.stringify(packPatterns(require(`hyphen/patterns/${name}.js`))));
for (const [name, text] of ours) writeFileSync(file(name), JSON.stringify(packPatternFile(text)));
writeFileSync(madeFrom, made);
