import type { ChildProcess } from 'node:child_process';

/**
 * The address a `zine serve` process says it serves the zine on, once it
 * says so; if it stops first, an error holding what it said.
 */
export function servedAddress(server: ChildProcess): Promise<URL> {
  let said = '';
  return new Promise((done, failed) => {
    const heard = (c: Buffer): void => {
      said += c.toString();
      const served = /serving the zine on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(said);
      if (served) done(new URL(served[1]!));
    };
    server.stdout?.on('data', heard);
    server.stderr?.on('data', heard);
    server.once('exit', (code) => failed(new Error(`zine serve stopped (${code}): ${said}`)));
  });
}
