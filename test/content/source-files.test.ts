import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/content/json.js';
import { decodeText, readSourceBytes, readSourceText } from '../../src/content/source-files.js';
import { refusal } from '../support/errors.js';

const root = mkdtempSync(join(tmpdir(), 'zine-source-'));
const outside = mkdtempSync(join(tmpdir(), 'zine-outside-'));
const file = (name: string, data: string | Uint8Array, dir = root): string => {
  writeFileSync(join(dir, name), data);
  return join(dir, name);
};
const refused = (f: () => unknown): string => refusal(f, root);

describe('decodeText', () => {
  const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

  it('reads UTF-8 with or without its byte order mark, and UTF-16 of either order by its mark', () => {
    const text = 'Жаңа – new\n';
    expect(decodeText(Buffer.from(text), 'f')).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'f')).toBe(text);
    const le = Buffer.from(text, 'utf16le');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'f')).toBe(text);
    const be = Buffer.from(le).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'f')).toBe(text);
  });

  it('turns CRLF and lone CR into line feeds', () => {
    expect(decodeText(Buffer.from('a\r\nb\rc\n'), 'f')).toBe('a\nb\nc\n');
  });

  it('refuses bytes that are not UTF-8, naming the first bad line', () => {
    expect(refused(() => decodeText(bytes(0x61, 0x0a, 0x62, 0x0a, 0x63, 0xff, 0x0a), 'f.md'))).toBe('f.md:3: not valid UTF-8 text: save the file as UTF-8');
    // a sequence cut off at the end of the file
    expect(refused(() => decodeText(bytes(0x61, 0x0a, 0xd0), 'f.md'))).toBe('f.md:2: not valid UTF-8 text: save the file as UTF-8');
    // half a surrogate pair in UTF-16
    expect(refused(() => decodeText(bytes(0xff, 0xfe, 0x61, 0, 0x0a, 0, 0x00, 0xd8, 0x61, 0), 'f.md'))).toBe('f.md:2: not valid UTF-16 text: save the file as UTF-8');
  });
});

describe('readSourceBytes', () => {
  it('reads a file of the project, and one reached through a link that stays inside', () => {
    const target = file('a.md', 'A');
    symlinkSync(target, join(root, 'link.md'));
    expect(readSourceText(join(root, 'link.md'), root)).toBe('A');
  });

  it('refuses a link out of the project, naming the link', () => {
    symlinkSync(file('secret', 'S', outside), join(root, 'out.md'));
    expect(refused(() => readSourceText(join(root, 'out.md'), root, 'the section'))).toMatch(/^out\.md: the section leads outside the project folder/);
    mkdirSync(join(root, 'sub'));
    symlinkSync(outside, join(root, 'sub', 'dir'));
    expect(refused(() => readSourceText(join(root, 'sub', 'dir', 'secret'), root))).toMatch(/leads outside the project folder/);
  });

  it('refuses folders, missing files and dangling links, and files over the limit, each in one line', () => {
    mkdirSync(join(root, 'folder.md'));
    expect(refused(() => readSourceText(join(root, 'folder.md'), root, 'the section'))).toBe('folder.md: the section is a folder');
    expect(refused(() => readSourceText(join(root, 'none.md'), root, 'the section'))).toBe('none.md: the section not found');
    symlinkSync(join(root, 'gone'), join(root, 'dangling.md'));
    expect(refused(() => readSourceText(join(root, 'dangling.md'), root, 'the section'))).toBe('dangling.md: the section not found');
    expect(refused(() => readSourceBytes(file('big.png', Buffer.alloc(2048)), root, 1024, 'image big.png'))).toBe('big.png: image big.png is larger than 1 KB: refused');
  });
});

describe('readJsonFile', () => {
  it('reads JSON saved with a byte order mark or CRLF', () => {
    expect(readJsonFile(file('bom.json', '\ufeff{\r\n  "a": 1\r\n}\r\n'), root)).toEqual({ a: 1 });
  });

  it('names the line of a syntax error in one line', () => {
    const message = refused(() => readJsonFile(file('bad.json', '{\n  "a": 1,\n}\n'), root));
    expect(message).toMatch(/^bad\.json:3: invalid JSON: /);
    expect(message).not.toContain('\n');
  });

  it('refuses JSON nested deeper than any settings need, without exhausting the stack', () => {
    expect(refused(() => readJsonFile(file('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`), root))).toBe('deep.json: nested more than 32 levels deep: refused');
  });
});
