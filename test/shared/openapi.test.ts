import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodeList, routes } from '../../shared/api';
import { generateOpenApi, openApiJson } from '../../shared/api/generate-openapi';

const committedPath = new URL('../../shared/api/openapi.json', import.meta.url);

describe('OpenAPI document', () => {
  it('the committed shared/api/openapi.json is what the schemas generate (run `npm run openapi:generate`)', () => {
    const committed = readFileSync(committedPath, 'utf8');
    expect(
      committed === openApiJson(),
      'shared/api/openapi.json is stale: run `npm run openapi:generate` and commit it',
    ).toBe(true);
  });

  it('documents every route of the table with its operationId, and only those', () => {
    const doc = generateOpenApi() as { paths: Record<string, Record<string, { operationId: string }>> };
    const documented = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    expect(documented.sort()).toEqual(
      Object.values(routes)
        .map((r) => r.operationId)
        .sort(),
    );
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/sandbox'))).toBe(false);
  });

  it('docs/CONTRACT.md explains every error code', () => {
    const contract = readFileSync(new URL('../../docs/CONTRACT.md', import.meta.url), 'utf8');
    for (const code of errorCodeList) expect(contract, code).toContain(`\`${code}\``);
  });
});
