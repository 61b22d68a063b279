import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ImageLibrary } from '../../src/content/images.js';
import type { Page } from '../../src/display.js';
import { Memos } from '../../src/memo.js';
import { renderScreen, type Ink, type Resources } from '../../src/render/pdf.js';
import { FontSubsets } from '../../src/render/pdf-fonts.js';
import { ImageStreams } from '../../src/render/pdf-images.js';
import { fonts, ROOT, textItem } from '../support/fixtures.js';
import { inkUse } from '../support/pdf.js';

describe('the colour of type, by ink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zine-ink-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const serif = fonts.face('serif', false, false);
  const images = new ImageLibrary(ROOT);
  const line = (text: string, y: number, color?: string): Page['items'][number] => ({ ...textItem(fonts, serif, text, { x: 20, y }), color });
  const pages: Page[] = [
    { kind: 'body', number: 1, width: 420, height: 595, items: [line('Black type', 40), line('Grey type', 60, '#808080')] },
    { kind: 'body', number: 2, width: 420, height: 595, items: [line('Black type', 40), line('Red type', 60, '#cc0000')] },
  ];
  const render = (ink: Ink, res: Resources = { fonts, images, fontSubsets: new FontSubsets(fonts), imageStreams: new ImageStreams(images) }): Promise<Buffer> =>
    renderScreen(pages, res, { title: ink, language: 'en', direction: 'ltr', creationDate: new Date(0) }, ink);
  const rendered = async (ink: Ink): Promise<ReturnType<typeof inkUse>> => {
    const file = join(dir, `${ink}.pdf`);
    writeFileSync(file, await render(ink));
    return inkUse(file);
  };

  it('is a grey in colour where it has no hue, and its grey in black and white where it has', async () => {
    const [colour, grey] = [await rendered('colour'), await rendered('grey')];
    expect(colour.colourOperators).toEqual(['0.8 0 0 rg']);
    expect(colour.greysInColour).toEqual([]);
    expect(colour.forms[0]).toMatch(/\b0 g\b[\s\S]*\b0\.502 g\b/);
    expect(grey.colourOperators).toEqual([]);
    // red's luma: 0.299 × 204
    expect(grey.forms[1]).toMatch(/\b0\.2392 g\b/);
    // the page of grey type alone is drawn the same in both inks; the page with red is not
    expect(colour.forms[0]).toBe(grey.forms[0]);
    expect(colour.forms[1]).not.toBe(grey.forms[1]);
  });

  it('draws a page of grey type once for the colour and black-and-white files of one locale', async () => {
    const contents = new Memos().memo<Buffer>();
    const deflated = vi.spyOn(contents, 'get');
    const res = { fonts, images, fontSubsets: new FontSubsets(fonts), imageStreams: new ImageStreams(images), contents };
    for (const ink of ['colour', 'grey'] as const) await render(ink, res);
    // each drawing is asked of the deflated contents once: the first page's one drawing, made for both files; the second's two
    expect(deflated).toHaveBeenCalledTimes(3);
  });
});
