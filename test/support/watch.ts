import { spawn } from 'node:child_process';
import { CLI } from './cli.js';

/** `zine build --watch` running on a project, its standard output and error read together. */
export interface Watcher {
  /** The first match of `pattern` in what the watcher says from now on; what it said up to the match is dropped. */
  next(pattern: RegExp): Promise<string>;
  /** What it said since the last match (or clear). */
  said(): string;
  clear(): void;
  stop(): void;
}

export function watchProject(dir: string, ...options: string[]): Watcher {
  const child = spawn(process.execPath, [CLI, 'build', '--watch', '--project', dir, '--paper', 'letter', ...options], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const next = (pattern: RegExp): Promise<string> => new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const m = pattern.exec(output);
      if (m) {
        clearInterval(poll);
        output = output.slice(m.index + m[0].length);
        resolve(m[0]);
      } else if (Date.now() - started > 40_000) {
        clearInterval(poll);
        reject(new Error(`no ${pattern} in:\n${output}`));
      }
    }, 50);
  });
  return { next, said: () => output, clear: () => { output = ''; }, stop: () => child.kill() };
}
