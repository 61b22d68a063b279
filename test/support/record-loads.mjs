// Preloaded with `node --import` by test/cli/loading.test.ts: appends the URL
// of every module the process loads (its own, bundled chunks, packages) to the
// file named by $ZINE_LOADS_FILE, one a line.
import { register } from 'node:module';

const hooks = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (!url.startsWith('node:')) appendFileSync(process.env.ZINE_LOADS_FILE, url + '\\n');
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
