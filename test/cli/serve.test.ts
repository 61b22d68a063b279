import { describe, expect, it } from 'vitest';
import { servedPath } from '../../src/cli/serve.js';

describe('the paths zine serve answers', () => {
  it('are plain paths, decoded', () => {
    expect(servedPath('/')).toBe('/');
    expect(servedPath('/out/fa/zine_screen_two_page_view.pdf?v=3')).toBe('/out/fa/zine_screen_two_page_view.pdf');
    expect(servedPath('/out/fa/%D8%B2.pdf')).toBe('/out/fa/ز.pdf');
  });

  it('are never a way out, written plainly or encoded', () => {
    for (const url of ['/../zine.json', '/out/../../etc/passwd', '/out/fa/..%2F..%2Fzine.json', '/%2e%2e/zine.json', '/out/%2E%2E/x',
      '/out/fa/..%5Cx', '/out/fa/a%00b.pdf', '/./out', '/out/%E0%A4%A', 'out/fa/x.pdf', 'http://elsewhere/x']) {
      expect(servedPath(url), url).toBeUndefined();
    }
  });
});
