/**
 * `zine serve`: the zine in the browser as it will print, rebuilt on every
 * save. The server builds as `zine build --watch` does and serves three
 * things only: its own page (viewer/), pdf.js to draw the PDFs with, and the
 * files the last build wrote for the locales shown, each looked up by name in
 * the listing of its locale's folder, never by a path taken from the request.
 * It listens on the loopback address alone, answers only requests addressed to
 * it by that name (a web page elsewhere cannot reach it through a name of its
 * own), and sends no header that would let another origin read it.
 */
import { readFileSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { checkOptions, type BuildOptions } from '../build.js';
import { ZineError } from '../errors.js';
import { isInside } from '../files.js';
import { languageOf } from '../lang/languages.js';
import type { BuiltFile } from '../outputs/table.js';
import { TOOL_ROOT } from '../paths.js';
import { startWatching } from './watch.js';

export interface ServeOptions extends BuildOptions {
  /** The port on 127.0.0.1; 0 takes any free one. */
  port: number;
}

/** What the page is told: each locale shown with its files and spec, the default locale (the original), and the last build's problem and warnings. */
interface Shown {
  version: number;
  defaultLocale: string;
  locales: { locale: string; name: string; direction: 'ltr' | 'rtl'; files: string[]; spec: unknown }[];
  /** The last build's error, the one line the command line prints; the pages shown are then the last good ones. */
  problem?: string;
  warnings: string[];
}

const require = createRequire(import.meta.url);
/** The page's own files and pdf.js, by the address they are served at. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: join(TOOL_ROOT, 'viewer', 'index.html'), type: 'text/html; charset=utf-8' },
  '/viewer.js': { file: join(TOOL_ROOT, 'viewer', 'viewer.js'), type: 'text/javascript; charset=utf-8' },
  '/viewer.css': { file: join(TOOL_ROOT, 'viewer', 'viewer.css'), type: 'text/css; charset=utf-8' },
  '/pdfjs/pdf.min.mjs': { file: require.resolve('pdfjs-dist/build/pdf.min.mjs'), type: 'text/javascript; charset=utf-8' },
  '/pdfjs/pdf.worker.min.mjs': { file: require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), type: 'text/javascript; charset=utf-8' },
};
const BUILT_TYPES: Record<string, string> = { pdf: 'application/pdf', json: 'application/json; charset=utf-8' };
/** Pages listening for builds at once: each holds a connection open. */
const MOST_LISTENERS = 32;
/** pdf.js draws with scripts and workers of its own origin, and fonts and pictures it makes from the PDF. */
const POLICY = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; img-src 'self' data: blob:; font-src 'self' data: blob:; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Serves the project until the process is asked to stop (Ctrl-C), then
 * closes every connection and watch. `say` prints the address and each
 * build's line; `problem` turns an error into the line the command line
 * prints for it.
 */
export async function serve(options: ServeOptions, say: (line: string) => void, problem: (e: unknown) => string): Promise<void> {
  // a mistyped option stops the command before it listens, as it stops a build
  const project = checkOptions(options);
  const { defaultLocale } = project.config;
  // the original is built beside any translation asked for (the page shows them side by side); with none asked
  // for, every locale, as the project's folders and zine.json list them from one save to the next
  const asked = options.locales && [...new Set([defaultLocale, ...project.locales])];
  const outDir = resolve(options.outDir);
  const shown: Shown = { version: 0, defaultLocale, locales: [], warnings: [] };
  let warnings: string[] = [];
  const listeners = new Set<ServerResponse>();
  /** The files the last good build of each locale wrote, by name: all that is served of the output folder. */
  const written = new Map<string, Map<string, string>>();
  const tell = (): void => {
    shown.version++;
    shown.warnings = warnings;
    warnings = [];
    for (const listener of listeners) listener.write(`data: ${shown.version}\n\n`);
  };
  const read = (files: readonly BuiltFile[], locales: readonly string[]): void => {
    for (const locale of new Set(files.map((f) => f.locale))) {
      written.set(locale, new Map(files.filter((f) => f.locale === locale).map((f) => [basename(f.path), f.path])));
    }
    // a locale whose folder is gone is no longer served
    for (const locale of written.keys()) if (!locales.includes(locale)) written.delete(locale);
    shown.locales = locales.map((locale) => {
      const language = languageOf(locale);
      const files = written.get(locale) ?? new Map<string, string>();
      const specFile = [...files.values()].find((f) => f.endsWith('.json'));
      let spec: unknown = null;
      try {
        spec = specFile ? JSON.parse(readFileSync(specFile, 'utf8')) : null;
      } catch {
        // gone since the build wrote it: the page shows the pages without the figures
      }
      return { locale, name: language.nativeName, direction: language.direction, files: [...files.keys()].sort(), spec };
    });
  };

  /** The port listened on: the one asked for, or the one given for 0. */
  let port = options.port;
  const server = createServer((request, response) => answer(request, response));
  const answer = (request: IncomingMessage, response: ServerResponse): void => {
    const send = (status: number, type: string, body: string | Buffer): void => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': POLICY, 'Referrer-Policy': 'no-referrer' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    const refuse = (status: number, why: string): void => send(status, 'text/plain; charset=utf-8', `${why}\n`);
    // another name for this address (a page's own domain pointed at 127.0.0.1) is not this server
    if (request.headers.host !== `127.0.0.1:${port}` && request.headers.host !== `localhost:${port}`) return refuse(403, 'not addressed to this server');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'only GET');
    const path = servedPath(request.url ?? '/');
    if (path === undefined) return refuse(404, 'not found');
    if (path === '/events') {
      // a page needs one; a handful of tabs a few
      if (listeners.size >= MOST_LISTENERS || request.method !== 'GET') return refuse(503, 'too many pages listening');
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      response.write(`data: ${shown.version}\n\n`);
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    if (path === '/state') return send(200, 'application/json; charset=utf-8', JSON.stringify(shown));
    const asset = ASSETS[path];
    const [, folder, locale, name] = path.split('/');
    const file = asset?.file ?? (folder === 'out' && locale && name ? written.get(locale)?.get(name) : undefined);
    if (file === undefined) return refuse(404, 'not found');
    const type = asset?.type ?? BUILT_TYPES[file.slice(file.lastIndexOf('.') + 1)]!;
    void readServed(file, asset ? undefined : outDir).then(
      (data) => (data === undefined ? refuse(404, 'not found') : send(200, type, data)),
      () => refuse(500, 'cannot be read now'),
    );
  };

  await new Promise<void>((done, failed) => {
    server.once('error', (e: NodeJS.ErrnoException) => failed(e.code === 'EADDRINUSE'
      ? new ZineError(`port ${options.port} on 127.0.0.1 is in use: choose another with --port`)
      : new ZineError(`cannot listen on 127.0.0.1:${options.port}: ${e.message}`)));
    server.listen(options.port, '127.0.0.1', done);
  });
  server.on('error', (e) => say(problem(e)));
  const address = server.address();
  if (typeof address === 'object' && address) port = address.port;

  const watching = await startWatching({ ...options, locales: asked, warn: (message, where) => {
    options.warn?.(message, where);
    warnings.push(`warning: ${where ? `${where.file}${where.line ? `:${where.line}` : ''}: ` : ''}${message}`);
  } }, {
    report: say,
    fail: (e) => {
      shown.problem = problem(e);
      say(shown.problem);
      tell();
    },
    built: (files, locales) => {
      delete shown.problem;
      read(files, locales);
      tell();
    },
  });
  say(`serving the zine on http://127.0.0.1:${port}/ (Ctrl-C to stop)`);

  await new Promise<void>((stopped) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      watching.stop();
      for (const listener of listeners) listener.end();
      server.close(() => stopped());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * The path a request asks for, or undefined for one that is not a plain
 * path: `..` or `.` as a part, encoded or not, a backslash, a NUL, or
 * something that does not decode.
 */
export function servedPath(url: string): string | undefined {
  const raw = url.split(/[?#]/)[0]!;
  if (!raw.startsWith('/')) return undefined;
  let parts: string[];
  try {
    parts = raw.split('/').map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  if (parts.some((p) => p === '..' || p === '.' || /[/\\\0]/.test(p))) return undefined;
  return parts.join('/');
}

/**
 * A file to serve, read whole: a built one only where it still lies in the
 * output folder, not through a link put there since; undefined where it is
 * gone.
 */
async function readServed(file: string, outDir: string | undefined): Promise<Buffer | undefined> {
  try {
    if (outDir !== undefined && !isInside(await realpath(file), await realpath(outDir))) return undefined;
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
