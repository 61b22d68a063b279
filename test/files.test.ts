import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { FileSet, makeFolderWhole, refuseLinksOut, writeAtomically, writeTogether } from '../src/files.js';
import { ZineError } from '../src/errors.js';
import { TOOL_ROOT } from '../src/paths.js';

const folder = (): string => mkdtempSync(join(tmpdir(), 'zine-files-'));

describe('writeAtomically', () => {
  it('writes a file in a new folder and leaves no temporary file', () => {
    const dir = folder();
    const path = join(dir, 'a', 'b', 'out.pdf');
    writeAtomically(path, 'first');
    writeAtomically(path, Buffer.from('second'));
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['out.pdf']);
  });

  it('leaves the file as it was when the write fails', () => {
    const dir = folder();
    const path = join(dir, 'out.pdf');
    writeFileSync(path, 'earlier');
    // a folder where the temporary file would go makes the write fail
    mkdirSync(join(dir, `out.pdf.${process.pid}-0.tmp`));
    expect(() => writeAtomically(path, 'later')).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('earlier');
  });

  it('gives each thread a temporary name of its own', async () => {
    const dir = folder();
    const path = join(dir, 'shared.json');
    // a folder stands where the main thread's temporary file would go: a worker sharing that name would fail
    mkdirSync(join(dir, `shared.json.${process.pid}-0.tmp`));
    // threads run the compiled code in dist/ (npm test compiles it first)
    const module = pathToFileURL(join(TOOL_ROOT, 'dist', 'files.js')).href;
    const worker = new Worker(
      `import(${JSON.stringify(module)}).then(({ writeAtomically }) => writeAtomically(${JSON.stringify(path)}, 'from a worker'))`,
      { eval: true },
    );
    const exit = new Promise<number>((resolve) => worker.once('exit', resolve));
    const error = new Promise<Error | undefined>((resolve) => {
      worker.once('error', resolve);
      void exit.then(() => resolve(undefined));
    });
    expect(await error).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe('from a worker');
  });
});

describe('refuseLinksOut', () => {
  it('refuses a path whose folder leads out of the root through a link, naming the folder; takes one inside, made or not', () => {
    const root = folder();
    const outside = folder();
    symlinkSync(outside, join(root, 'fonts'));
    mkdirSync(join(root, 'locales'));
    expect(() => refuseLinksOut([join(root, 'theme.json'), join(root, 'locales', 'ru', 'sections', 'a.md')], root)).not.toThrow();
    expect(() => refuseLinksOut([join(root, 'theme.json'), join(root, 'fonts', 'NotoSerifCJK.ttc')], root)).toThrow(ZineError);
    expect(() => refuseLinksOut([join(root, 'fonts', 'NotoSerifCJK.ttc')], root)).toThrow(/leads out of the project .* through a link: nothing is written there/);
  });
});

describe('makeFolderWhole', () => {
  it('makes the folder with what was written in it, over nothing or an empty folder, and leaves nothing beside it', () => {
    const dir = folder();
    mkdirSync(join(dir, 'empty'));
    for (const name of ['new', 'empty']) {
      makeFolderWhole(join(dir, name), (made) => writeFileSync(join(made, 'zine.json'), '{}'));
      expect(readdirSync(join(dir, name))).toEqual(['zine.json']);
    }
    expect(readdirSync(dir).sort()).toEqual(['empty', 'new']);
  });

  it('leaves no half-made folder, and nothing beside it, when filling it fails', () => {
    const dir = folder();
    const failure = new Error('the disk is full');
    expect(() => makeFolderWhole(join(dir, 'zine'), (made) => {
      writeFileSync(join(made, 'zine.json'), '{}');
      throw failure;
    })).toThrow(failure);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a folder that is not empty as it was', () => {
    const dir = folder();
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'notes.txt'), 'mine');
    expect(() => makeFolderWhole(join(dir, 'taken'), (made) => writeFileSync(join(made, 'zine.json'), '{}'))).toThrow(/ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(join(dir, 'taken'))).toEqual(['notes.txt']);
  });
});

describe('writeTogether', () => {
  const earlier = (dir: string): void => {
    mkdirSync(join(dir, 'en'), { recursive: true });
    writeFileSync(join(dir, 'en', 'a.pdf'), 'old a');
    writeFileSync(join(dir, 'en', 'b.pdf'), 'old b');
  };
  const listing = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

  it('writes every file of the set and leaves no temporary file or journal', () => {
    const dir = folder();
    earlier(dir);
    writeTogether([{ path: join(dir, 'en', 'a.pdf'), data: 'new a' }, { path: join(dir, 'ru', 'c.pdf'), data: 'new c' }], dir);
    expect(readFileSync(join(dir, 'en', 'a.pdf'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'ru', 'c.pdf'), 'utf8')).toBe('new c');
    expect(listing(dir)).toEqual(['en', 'en/a.pdf', 'en/b.pdf', 'ru', 'ru/c.pdf']);
  });

  it('changes nothing when one file of the set cannot be written, and names it', () => {
    const dir = folder();
    earlier(dir);
    // a folder where the third file should go, and a file where a folder should be
    mkdirSync(join(dir, 'en', 'c.pdf'));
    writeFileSync(join(dir, 'kk'), 'a file');
    for (const blocked of [join(dir, 'en', 'c.pdf'), join(dir, 'kk', 'd.pdf')]) {
      const set = [
        { path: join(dir, 'en', 'a.pdf'), data: 'new a' },
        { path: join(dir, 'en', 'new.pdf'), data: 'new' },
        { path: blocked, data: 'x' },
      ];
      let error: unknown;
      try {
        writeTogether(set, dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ZineError);
      expect((error as ZineError).describe()).toMatch(/cannot write/);
      expect((error as ZineError).where?.file).toContain(blocked.endsWith('c.pdf') ? 'c.pdf' : 'kk');
      expect(readFileSync(join(dir, 'en', 'a.pdf'), 'utf8')).toBe('old a');
      expect(listing(dir)).toEqual(['en', 'en/a.pdf', 'en/b.pdf', 'en/c.pdf', 'kk']);
    }
  });

  /** A process id that no process has now. */
  const deadPid = (): number => {
    for (let pid = 4_000_000; ; pid--) {
      try {
        process.kill(pid, 0);
      } catch {
        return pid;
      }
    }
  };

  it('completes the set of a build killed while renaming, at the next write into the folder', () => {
    const dir = folder();
    earlier(dir);
    const tag = `${deadPid()}-0`;
    // killed after renaming a.pdf into place (its earlier version kept aside), before b.pdf
    writeFileSync(join(dir, 'en', 'a.pdf'), 'new a');
    writeFileSync(join(dir, 'en', `a.pdf.${tag}.old`), 'old a');
    writeFileSync(join(dir, 'en', `b.pdf.${tag}.tmp`), 'new b');
    writeFileSync(join(dir, `.zine-commit-${tag}.json`), JSON.stringify({ phase: 'rename', files: [join(dir, 'en', 'a.pdf'), join(dir, 'en', 'b.pdf')] }));
    writeTogether([{ path: join(dir, 'other.json'), data: '{}' }], dir);
    expect(readFileSync(join(dir, 'en', 'b.pdf'), 'utf8')).toBe('new b');
    expect(readFileSync(join(dir, 'en', 'a.pdf'), 'utf8')).toBe('new a');
    expect(listing(dir)).toEqual(['en', 'en/a.pdf', 'en/b.pdf', 'other.json']);
  });

  it('undoes the set of a build killed while writing its temporary files', () => {
    const dir = folder();
    earlier(dir);
    const tag = `${deadPid()}-0`;
    writeFileSync(join(dir, 'en', `a.pdf.${tag}.tmp`), 'new a, half written');
    writeFileSync(join(dir, `.zine-commit-${tag}.json`), JSON.stringify({ phase: 'write', files: [join(dir, 'en', 'a.pdf'), join(dir, 'en', 'b.pdf')] }));
    writeTogether([{ path: join(dir, 'other.json'), data: '{}' }], dir);
    expect(readFileSync(join(dir, 'en', 'a.pdf'), 'utf8')).toBe('old a');
    expect(listing(dir)).toEqual(['en', 'en/a.pdf', 'en/b.pdf', 'other.json']);
  });

  it('takes a journal naming process 0 for a dead process\'s (0 names the group that every process is in)', () => {
    const dir = folder();
    earlier(dir);
    writeFileSync(join(dir, 'en', 'a.pdf.0-0.tmp'), 'new a, half written');
    writeFileSync(join(dir, '.zine-commit-0-0.json'), JSON.stringify({ phase: 'write', files: [join(dir, 'en', 'a.pdf')] }));
    writeTogether([{ path: join(dir, 'other.json'), data: '{}' }], dir);
    expect(listing(dir)).toEqual(['en', 'en/a.pdf', 'en/b.pdf', 'other.json']);
  });

  it('touches nothing outside the folder that a journal names', () => {
    const dir = folder();
    const outside = folder();
    writeFileSync(join(outside, 'keep.txt'), 'mine');
    const tag = `${deadPid()}-0`;
    writeFileSync(join(outside, `keep.txt.${tag}.tmp`), 'planted');
    writeFileSync(join(dir, `.zine-commit-${tag}.json`), JSON.stringify({ phase: 'rename', files: [join(outside, 'keep.txt')] }));
    writeTogether([{ path: join(dir, 'x.json'), data: '{}' }], dir);
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(outside, `keep.txt.${tag}.tmp`))).toBe(true);
  });

  it('touches nothing a journal names through a link out of the folder', () => {
    const dir = folder();
    const victim = folder();
    writeFileSync(join(victim, 'a'), 'mine');
    const tag = `${deadPid()}-0`;
    writeFileSync(join(victim, `a.${tag}.tmp`), 'planted');
    writeFileSync(join(victim, `notes.txt.${tag}.old`), 'kept');
    symlinkSync(victim, join(dir, 'link'));
    writeFileSync(join(dir, `.zine-commit-${tag}.json`), JSON.stringify({ phase: 'rename', files: [join(dir, 'link', 'a'), join(dir, 'link', 'notes.txt')] }));
    writeTogether([{ path: join(dir, 'x.json'), data: '{}' }], dir);
    expect(readFileSync(join(victim, 'a'), 'utf8')).toBe('mine');
    expect(readdirSync(victim).sort()).toEqual(['a', `a.${tag}.tmp`, `notes.txt.${tag}.old`]);
  });

  it('a signal arriving while the files are written stops the process only once all are in place', () => {
    const dir = folder();
    const module = pathToFileURL(join(TOOL_ROOT, 'dist', 'files.js')).href;
    // the third file's contents send the signal: the process is told to stop in the middle of the set
    const script = `
      const { writeTogether } = await import(${JSON.stringify(module)});
      const files = [1, 2, 3, 4, 5].map((n) => ({ path: ${JSON.stringify(dir)} + '/f' + n + '.pdf', get data() {
        if (n === 3) process.kill(process.pid, 'SIGTERM');
        return 'file ' + n;
      } }));
      writeTogether(files, ${JSON.stringify(dir)});
      setTimeout(() => console.log('not stopped'), 2000);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.signal).toBe('SIGTERM');
    expect(r.stdout).not.toContain('not stopped');
    expect(readdirSync(dir).sort()).toEqual(['f1.pdf', 'f2.pdf', 'f3.pdf', 'f4.pdf', 'f5.pdf']);
  });
});

describe('FileSet', () => {
  const names = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

  it('writes through no link a project put where its temporary files and its journal go, nor through one at an output', () => {
    const dir = folder();
    const outside = folder();
    const victims = ['a', 'b', 'journal', 'cache'].map((name) => join(outside, name));
    for (const victim of victims) writeFileSync(victim, 'not yours');
    // the names a build in this process gives its temporary files and journal, foreseeable from its number
    symlinkSync(victims[0]!, join(dir, `a.pdf.${process.pid}-0.tmp`));
    symlinkSync(victims[2]!, join(dir, `.zine-commit-${process.pid}-0.json`));
    symlinkSync(victims[2]!, join(dir, `.zine-commit-${process.pid}-0.json.tmp`));
    symlinkSync(victims[1]!, join(dir, 'b.pdf'));
    symlinkSync(victims[3]!, join(dir, `c.json.${process.pid}-0.tmp`));
    writeTogether([{ path: join(dir, 'a.pdf'), data: 'new a' }, { path: join(dir, 'b.pdf'), data: 'new b' }], dir);
    writeAtomically(join(dir, 'c.json'), 'new c');
    for (const victim of victims) expect(readFileSync(victim, 'utf8'), victim).toBe('not yours');
    for (const name of ['a.pdf', 'b.pdf', 'c.json']) expect(lstatSync(join(dir, name)).isFile(), name).toBe(true);
    expect(names(dir)).toEqual(['a.pdf', 'b.pdf', 'c.json']);
  });

  it('leaves a folder named as a stopped build\'s journal, or as the journal being written, and writes all the same', () => {
    const dir = folder();
    mkdirSync(join(dir, '.zine-commit-999999999-0.json'));
    mkdirSync(join(dir, '.zine-commit-999999998-0.json.tmp'));
    writeTogether([{ path: join(dir, 'a.pdf'), data: 'a' }], dir);
    expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('a');
  });

  it('reads no journal of a stopped build that is a link to a device or a FIFO, which would never end', () => {
    const dir = folder();
    symlinkSync('/dev/zero', join(dir, '.zine-commit-999999999-0.json'));
    spawnSync('mkfifo', [join(dir, '.zine-commit-999999998-0.json')]);
    writeTogether([{ path: join(dir, 'a.pdf'), data: 'a' }], dir);
    expect(names(dir)).toEqual(['a.pdf']);
  });

  it('writes what it is given at once under temporary names, and puts all in place only at the commit', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.pdf'), 'old a');
    const set = new FileSet(dir);
    set.stage([{ path: join(dir, 'a.pdf'), data: 'new a' }]);
    set.stage([{ path: join(dir, 'ru', 'b.pdf'), data: 'new b' }]);
    // staged, in place beside the old file, nothing changed yet
    expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('old a');
    expect(names(dir).filter((n) => n.endsWith('.tmp'))).toEqual([`a.pdf.${process.pid}-0.tmp`, `ru/b.pdf.${process.pid}-0.tmp`]);
    set.commit();
    expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('new a');
    expect(names(dir)).toEqual(['a.pdf', 'ru', 'ru/b.pdf']);
  });

  it('removes everything it staged when a later stage fails, or when it is abandoned', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.pdf'), 'old a');
    const failing = new FileSet(dir);
    failing.stage([{ path: join(dir, 'a.pdf'), data: 'new a' }]);
    mkdirSync(join(dir, 'b.pdf'));
    expect(() => failing.stage([{ path: join(dir, 'b.pdf'), data: 'new b' }])).toThrow(/a folder of that name is in the way/);
    expect(names(dir)).toEqual(['a.pdf', 'b.pdf']);
    const abandoned = new FileSet(dir);
    abandoned.stage([{ path: join(dir, 'c.pdf'), data: 'c' }]);
    abandoned.abandon();
    expect(names(dir)).toEqual(['a.pdf', 'b.pdf']);
    expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('old a');
  });

  it('gives a set opened while another is open names of its own', () => {
    const dir = folder();
    const build = new FileSet(dir);
    build.stage([{ path: join(dir, 'zine.pdf'), data: 'the zine' }]);
    // another set written while the build's files wait
    writeTogether([{ path: join(dir, 'zine.pdf'), data: 'a file of the same name' }], dir);
    expect(readFileSync(join(dir, 'zine.pdf'), 'utf8')).toBe('a file of the same name');
    build.commit();
    expect(readFileSync(join(dir, 'zine.pdf'), 'utf8')).toBe('the zine');
    expect(names(dir)).toEqual(['zine.pdf']);
  });

  it('is stopped at once by a signal before its commit, and the next set into the folder removes what it staged', () => {
    const dir = folder();
    writeFileSync(join(dir, 'f1.pdf'), 'earlier');
    const module = pathToFileURL(join(TOOL_ROOT, 'dist', 'files.js')).href;
    const script = `
      const { FileSet } = await import(${JSON.stringify(module)});
      const set = new FileSet(${JSON.stringify(dir)});
      set.stage([{ path: ${JSON.stringify(dir)} + '/f1.pdf', data: 'staged' }, { path: ${JSON.stringify(dir)} + '/ru/f2.pdf', data: 'staged' }]);
      process.kill(process.pid, 'SIGINT');
      for (let t = Date.now(); Date.now() - t < 2000;);
      console.log('not stopped');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.signal).toBe('SIGINT');
    expect(r.stdout).not.toContain('not stopped');
    expect(names(dir).filter((n) => n.endsWith('.tmp') || n.includes('zine-commit')).length).toBe(3);
    writeTogether([{ path: join(dir, 'next.json'), data: '{}' }], dir);
    expect(names(dir)).toEqual(['f1.pdf', 'next.json', 'ru']);
    expect(readFileSync(join(dir, 'f1.pdf'), 'utf8')).toBe('earlier');
  });

  it('takes nothing more once committed or abandoned', () => {
    const dir = folder();
    const set = new FileSet(dir);
    set.stage([{ path: join(dir, 'a.pdf'), data: 'a' }]);
    set.commit();
    expect(() => set.stage([{ path: join(dir, 'b.pdf'), data: 'b' }])).toThrow(/already committed/);
    expect(() => set.commit()).toThrow(/already committed/);
    const other = new FileSet(dir);
    other.abandon();
    expect(() => other.stage([{ path: join(dir, 'c.pdf'), data: 'c' }])).toThrow(/already abandoned/);
    expect(names(dir)).toEqual(['a.pdf']);
  });

  it('removes the folders it made for what it staged, when abandoned', () => {
    const dir = folder();
    mkdirSync(join(dir, 'kept'));
    const set = new FileSet(join(dir, 'out'));
    set.stage([{ path: join(dir, 'out', 'en', 'a.pdf'), data: 'a' }, { path: join(dir, 'kept', 'b.pdf'), data: 'b' }]);
    set.abandon();
    expect(names(dir)).toEqual(['kept']);
  });
});
