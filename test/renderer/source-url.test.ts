import { describe, expect, it } from 'vitest';
import { checkSourceUrl, defaultWorkloadName } from '../../renderer/src/lib/source-url';
import { sourceUrl } from '../../shared/api/schemas';

const cases: [string, boolean][] = [
  ['https://github.com/acme/models/blob/main/train.ipynb', true],
  ['https://github.com/acme/models/blob/main/train.py', true],
  ['https://example.com/a/B.IPYNB', true],
  ['https://example.com/x.py?raw=true#frag', true],
  ['http://example.com/x.py', false],
  ['https://example.com/x.pyc', false],
  ['https://example.com/x.txt?file=x.py', false],
  ['ftp://example.com/x.py', false],
  ['example.com/x.py', false],
  ['', false],
  [' https://example.com/x.py', false],
];

describe('workload source URL check', () => {
  it.each(cases)('%s → valid %s', (url, valid) => {
    expect(checkSourceUrl(url) === null).toBe(valid);
  });

  it('agrees with the contract schema the backend applies', () => {
    for (const [url] of cases) {
      if (url.trim() !== url) continue; // the form refuses padding outright; the schema reports it differently
      expect(checkSourceUrl(url) === null).toBe(sourceUrl.safeParse(url).success);
    }
  });

  it('says what is wrong in words', () => {
    expect(checkSourceUrl('http://example.com/x.py')).toMatch(/https/);
    expect(checkSourceUrl('https://example.com/x.txt')).toMatch(/\.ipynb or \.py/);
  });

  it('derives the default name from the path', () => {
    expect(defaultWorkloadName('https://x.io/a/b/train%20v2.ipynb?x=1')).toBe('train v2.ipynb');
  });
});
