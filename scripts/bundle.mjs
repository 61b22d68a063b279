// Bundles the command line (run by `npm run compile` after tsc). The program
// (src/program.ts: the command line and all it runs) becomes one classic
// script, dist/program.cjs, which src/load-program.ts compiles with V8's code
// cache: Node loads one bundled file far faster than the hundred and fifty
// modules and packages it is made of, and from the cache a command starts
// with its code compiled. What a command imports when it runs (`import()` in
// src/cli/cli.ts) is evaluated only by that command: `zine --help` and
// `zine status` evaluate no typesetting code. dist/cli/main.js and
// dist/build-worker.js load it, each a small module of its own.
// The other modules of dist/ are tsc's, as they were: tests import them.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * fontkit reads WOFF2 with a Brotli decoder whose module builds a 120 KB
 * dictionary from a 750 KB array literal when loaded, a third of the time the
 * typesetting stack takes to load. The build refuses WOFF2 fonts before fontkit
 * sees them: the decoder is loaded from node_modules on its first use instead.
 */
const lazyBrotli = {
  name: 'lazy-brotli',
  setup(b) {
    b.onResolve({ filter: /^brotli\/decompress\.js$/ }, () => ({ path: 'brotli', namespace: 'lazy-brotli' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-brotli' }, () => ({
      contents: "export default (...args) => require('brotli/decompress.js')(...args);",
      loader: 'js',
    }));
  },
};

/**
 * pdfkit's encryption (which the zine's PDFs do not use) computes its AES
 * tables when loaded: the cipher module is loaded from node_modules on its
 * first use instead.
 */
const lazyAes = {
  name: 'lazy-aes',
  setup(b) {
    b.onResolve({ filter: /^@noble\/ciphers\/aes$/ }, () => ({ path: 'aes', namespace: 'lazy-aes' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-aes' }, () => ({
      contents: `import { createRequire } from 'node:module';
const aes = () => createRequire(require.resolve('pdfkit'))('@noble/ciphers/aes');
export const cbc = (...args) => aes().cbc(...args);
export const ecb = (...args) => aes().ecb(...args);`,
      loader: 'js',
    }));
  },
};

/**
 * fontkit (its shapers' tables, which HarfBuzz's shaping leaves unused),
 * unicode-properties and pdfkit's line breaker each decode a Unicode table
 * from base64 and inflate it when loaded. Each is asked only for `get`: the
 * table is given as a function that decodes it, called with the inflating at
 * its first `get`. What each module passes is rewritten to that function;
 * the bundle stops when a module no longer reads as expected.
 */
const TRIE_DATA = [
  // fontkit, unicode-properties: new (0, $…$unicodetrie)((0, decode)("…")) or ((0, $…$base64js).toByteArray("…"))
  { module: /[\\/](fontkit|unicode-properties)[\\/]dist[\\/]module\.mjs$/, data: /(new \(0, \$\w+\$unicodetrie\)\()(\(0, \$[\w$]+\)(?:\.toByteArray)?\(")/g },
  // linebreak: const $…$var$data = $…$base64js.toByteArray("…"), passed to new $…$unicodetrie(…) on the next line
  { module: /[\\/]linebreak[\\/]dist[\\/]module\.mjs$/, data: /(const \$\w+\$var\$data = )(\$\w+\$base64js\.toByteArray\(")/g },
];
const lazyTries = {
  name: 'lazy-tries',
  setup(b) {
    b.onResolve({ filter: /^unicode-trie$/ }, () => ({ path: 'unicode-trie', namespace: 'lazy-tries' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-tries' }, () => ({
      contents: `import UnicodeTrie from ${JSON.stringify(join(root, 'node_modules', 'unicode-trie', 'index.js'))};
export default class LazyTrie {
  constructor(data) { this.data = data; }
  get(codePoint) { return (this.trie ??= new UnicodeTrie(this.data())).get(codePoint); }
}`,
      loader: 'js',
      resolveDir: root,
    }));
    for (const { module, data } of TRIE_DATA) {
      b.onLoad({ filter: module }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const rewritten = source.replace(data, '$1() => $2');
        if (rewritten === source) throw new Error(`lazy-tries: ${args.path} no longer builds its tries as this plugin expects`);
        return { contents: rewritten, loader: 'js' };
      });
    }
  },
};

/**
 * Handlebars requires source-map when loaded, for source maps of compiled
 * templates the build never asks for: without it Handlebars builds the
 * template's code as plain strings, as it does in a browser.
 */
const noSourceMap = {
  name: 'no-source-map',
  setup(b) {
    b.onResolve({ filter: /^source-map$/ }, () => ({ path: 'source-map', namespace: 'no-source-map' }));
    b.onLoad({ filter: /.*/, namespace: 'no-source-map' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

// the chunks of the bundles before this one, which loaded as ES modules
rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true });
/**
 * pdfkit finds files of its own from its module's address: its standard fonts
 * (Helvetica, the font every new document starts with) and its sRGB profile.
 * In the bundle, it is given the address of its CommonJS build, beside them.
 */
const pdfkitFiles = {
  name: 'pdfkit-files',
  setup(b) {
    b.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', "require('node:url').pathToFileURL(require.resolve('pdfkit')).href"),
      loader: 'js',
    }));
  },
};

/**
 * harfbuzzjs readies its WebAssembly when imported (a top-level await), which
 * a classic script cannot do: the command loads it before running the program
 * when the command sets type (preloadHarfBuzz in src/load-program.ts), and
 * the program takes it from there.
 */
const preloadedHarfBuzz = {
  name: 'preloaded-harfbuzz',
  setup(b) {
    b.onResolve({ filter: /^harfbuzzjs$/ }, () => ({ path: 'harfbuzzjs', namespace: 'preloaded-harfbuzz' }));
    b.onLoad({ filter: /.*/, namespace: 'preloaded-harfbuzz' }, () => ({
      contents: `const hb = globalThis[Symbol.for('zine-press.harfbuzz')];
if (!hb) throw new Error('HarfBuzz was not loaded before the code that shapes (preloadHarfBuzz): shapes() in src/cli/cli.ts leaves out a command that sets type');
module.exports = hb;`,
      loader: 'js',
    }));
  },
};

const program = await build({
  absWorkingDir: root,
  entryPoints: ['src/program.ts'],
  outfile: 'dist/program.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // the modules' own addresses are the program file's (src/paths.ts finds the tool's folder from it)
  define: { 'import.meta.url': '__zineUrl' },
  banner: { js: "var __zineUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyBrotli, lazyAes, lazyTries, noSourceMap, pdfkitFiles, preloadedHarfBuzz],
  // half the bytes to read and parse at each start; names are kept, for stack traces (--debug) that tell where
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  // pdfkit is bundled, and also found in node_modules for the files beside it (pdfkitFiles, lazyAes)
  logOverride: { 'require-resolve-not-external': 'silent' },
});
// which modules the program holds: test/cli/loading.test.ts reads it
writeFileSync(join(root, 'dist', 'bundle.json'), JSON.stringify(program.metafile));

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', 'src/build-worker.ts'],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['harfbuzzjs'],
  logLevel: 'warning',
});
