import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiJson } from '../../shared/api/generate-openapi';

/**
 * `npm run openapi:generate`: writes shared/api/openapi.json. The generator
 * itself lives in shared/api (pure, no Node); this thin writer lives on the
 * Node side because shared/ may not touch the file system.
 */
const target = fileURLToPath(new URL('../../shared/api/openapi.json', import.meta.url));
writeFileSync(target, openApiJson());
console.log(`wrote ${target}`);
