import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// renames into place fail for files named *blocked*, as a full or vanished disk would make them
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  return {
    ...fs,
    renameSync: (from: string, to: string): void => {
      if (String(to).includes('blocked') && String(from).endsWith('.tmp')) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      fs.renameSync(from, to);
    },
    // a file system without hard links (a FAT stick) on a disk that fills half-way through the copy kept aside instead
    linkSync: (from: string, to: string): void => {
      if (String(from).includes('unlinkable')) throw Object.assign(new Error('not supported'), { code: 'EPERM' });
      // where link() follows a link (BSD), one to a file elsewhere cannot be linked across the disks
      if (String(from).includes('linked-out')) throw Object.assign(new Error('cross-device link'), { code: 'EXDEV' });
      fs.linkSync(from, to);
    },
    copyFileSync: (from: string, to: string): void => {
      if (!String(from).includes('unlinkable')) return fs.copyFileSync(from, to);
      fs.writeFileSync(to, 'half');
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    },
  };
});

const { writeTogether } = await import('../src/files.js');

describe('writeTogether, when a rename fails half-way', () => {
  it('puts the earlier files back, removes the new ones, and says which file and why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-rollback-'));
    mkdirSync(join(dir, 'en'));
    writeFileSync(join(dir, 'en', 'a.pdf'), 'old a');
    writeFileSync(join(dir, 'en', 'blocked.pdf'), 'old blocked');
    const files = [
      { path: join(dir, 'en', 'a.pdf'), data: 'new a' },
      { path: join(dir, 'en', 'new.pdf'), data: 'new' },
      { path: join(dir, 'en', 'blocked.pdf'), data: 'new blocked' },
      { path: join(dir, 'en', 'z.pdf'), data: 'new z' },
    ];
    expect(() => writeTogether(files, dir)).toThrow(/cannot write: no space left on the disk/);
    expect(readFileSync(join(dir, 'en', 'a.pdf'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'en', 'blocked.pdf'), 'utf8')).toBe('old blocked');
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(['en', 'en/a.pdf', 'en/blocked.pdf']);
  });

  it('leaves no half copy behind when the copy of an earlier file cannot be finished', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-rollback-'));
    writeFileSync(join(dir, 'a.pdf'), 'old a');
    writeFileSync(join(dir, 'unlinkable.pdf'), 'old');
    const files = [{ path: join(dir, 'a.pdf'), data: 'new a' }, { path: join(dir, 'unlinkable.pdf'), data: 'new' }];
    expect(() => writeTogether(files, dir)).toThrow(/cannot write: no space left on the disk/);
    expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'unlinkable.pdf'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.pdf', 'unlinkable.pdf']);
  });

  it('moves an output that is a link aside where no hard link can be made to it, and puts it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-rollback-'));
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'zine-rollback-')), 'theirs.pdf');
    writeFileSync(elsewhere, 'theirs');
    symlinkSync(elsewhere, join(dir, 'linked-out.pdf'));
    const files = [{ path: join(dir, 'linked-out.pdf'), data: 'new' }, { path: join(dir, 'blocked.pdf'), data: 'new blocked' }];
    expect(() => writeTogether(files, dir)).toThrow(/cannot write: no space left on the disk/);
    expect(readlinkSync(join(dir, 'linked-out.pdf'))).toBe(elsewhere);
    expect(readdirSync(dir)).toEqual(['linked-out.pdf']);
    writeTogether([files[0]!], dir);
    expect(lstatSync(join(dir, 'linked-out.pdf')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'linked-out.pdf'), 'utf8')).toBe('new');
    expect(readFileSync(elsewhere, 'utf8')).toBe('theirs');
  });
});
