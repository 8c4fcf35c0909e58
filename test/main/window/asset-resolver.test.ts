import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAsset } from '../../../main/core/window/asset-resolver';

const root = '/opt/app/renderer';

describe('resolving renderer assets', () => {
  it('serves the entry page for the root and files inside the folder with their type', () => {
    expect(resolveAsset(root, '/')).toEqual({
      file: join(root, 'index.html'),
      mime: 'text/html; charset=utf-8',
    });
    expect(resolveAsset(root, '/assets/index-abc.js')?.mime).toBe('text/javascript; charset=utf-8');
  });

  it('refuses every way out of the folder', () => {
    for (const path of [
      '/../main/index.js',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/../../x',
      '/..%2f..%2fetc',
      '/a%00.js',
      '/%E0%A4%A',
    ]) {
      const result = resolveAsset(root, path);
      if (result) expect(result.file.startsWith(`${root}/`)).toBe(true);
    }
    expect(resolveAsset(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveAsset(root, '/a%00.js')).toBeNull();
    expect(resolveAsset(root, '/%E0%A4%A')).toBeNull();
  });
});
