// Bundles the command line and the build worker (run by `npm run compile`
// after tsc): dist/cli/main.js and dist/build-worker.js become one file each,
// with the code they share in dist/chunks/. Node loads one bundled file far
// faster than the hundred and fifty modules and packages it is made of (each
// found, read and compiled on its own). What a command imports when it runs
// (`import()` in src/cli/cli.ts) stays a chunk of its own, loaded only by that
// command: `zine --help` and `zine status` load no typesetting code.
// The other modules of dist/ are tsc's, as they were: tests and the benchmark
// import them.
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
      contents: `import { createRequire } from 'node:module';
export default (...args) => createRequire(import.meta.url)('brotli/decompress.js')(...args);`,
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
const aes = () => createRequire(import.meta.resolve('pdfkit'))('@noble/ciphers/aes');
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

// chunks are named by their content: those of an earlier bundle would stay beside the new ones
rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true });
/**
 * pdfkit finds files of its own from its module's address: its standard fonts
 * (Helvetica, the font every new document starts with) and its sRGB profile.
 * In a chunk, that address is the chunk's: pdfkit is given its own.
 */
const pdfkitFiles = {
  name: 'pdfkit-files',
  setup(b) {
    b.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', "import.meta.resolve('pdfkit')"),
      loader: 'js',
    }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', 'src/build-worker.ts'],
  outdir: 'dist',
  outbase: 'src',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // HarfBuzz finds its WebAssembly beside its own module
  external: ['harfbuzzjs'],
  // the CommonJS packages bundled (pdfkit, fontkit, handlebars …) require Node's modules
  banner: { js: "import { createRequire as __zineRequire } from 'node:module'; const require = __zineRequire(import.meta.url);" },
  plugins: [lazyBrotli, lazyAes, lazyTries, noSourceMap, pdfkitFiles],
  // half the bytes to read and parse at each start; names are kept, for stack traces (--debug) that tell where
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
});
// which chunk holds which module: test/cli/loading.test.ts reads what each command loads from it
writeFileSync(join(root, 'dist', 'bundle.json'), JSON.stringify(result.metafile));
