import { z } from 'zod';
import { type ErrorCode, errorCodes } from './errors';
import { type RouteSpec, routes } from './routes';
import { DryRunResult, Problem } from './schemas';

/**
 * Builds the OpenAPI 3.1 document of the contract from the route table and
 * the zod schemas (zod 4's own JSON Schema output). Pure: no I/O, so it stays
 * inside shared/. `npm run openapi:generate` writes its output to
 * shared/api/openapi.json (see sandbox/tools/write-openapi.ts), and a test
 * fails when the committed file differs from what this returns.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const COMPONENT_REF = '#/components/schemas/';
const PROBLEM_MEDIA = 'application/problem+json';

const tagDescriptions: Record<string, string> = {
  Session: 'Who is calling, and which backend environment answers.',
  Plans: 'Subscription plans the backend recognises.',
  Tenants: 'Tenants (customer organisations) and their wallets.',
  Ledger: "A tenant's append-only credit ledger.",
  Workloads: 'Notebook and script runs, with their credit reservations.',
  Endpoints: 'Long-running endpoints, metered per hour.',
  Admin: 'Admin-only mutations that move credits or change state.',
  'Admin views': 'Admin-only cross-tenant views.',
};

/** Removes JSON Schema noise OpenAPI does not need: per-schema $schema/$id, and zod's huge date-time regex. */
function clean(value: unknown): Json {
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(source)) {
      if (key === '$schema' || key === '$id') continue;
      if (key === 'pattern' && source.format === 'date-time') continue;
      out[key] = clean(child);
    }
    return out;
  }
  return value as Json;
}

/** JSON Schema of a single (unregistered) parameter schema. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  return clean(z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }));
}

/** Every schema registered with an id becomes a component; refs between them stay refs. */
function allComponents(): Record<string, Json> {
  const all = z.toJSONSchema(z.globalRegistry, {
    io: 'output',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    uri: (id) => `${COMPONENT_REF}${id}`,
  });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(all.schemas)) out[id] = clean(schema);
  return out;
}

function refTo(schema: z.ZodType): Json {
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id !== 'string') throw new Error('every request/response schema of a route needs a meta id');
  return { $ref: `${COMPONENT_REF}${id}` };
}

function collectRefs(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(COMPONENT_REF)) {
        into.add(child.slice(COMPONENT_REF.length));
      } else collectRefs(child, into);
    }
  }
}

function parametersOf(route: RouteSpec): Json[] {
  const parameters: Json[] = [];
  const add = (where: 'path' | 'query', shape: Record<string, z.ZodType>) => {
    for (const [name, field] of Object.entries(shape)) {
      const schema = schemaOf(field, 'input') as JsonObject;
      const description =
        typeof schema.description === 'string' ? schema.description : `The ${name.replace('_', ' ')}.`;
      delete schema.description;
      parameters.push({
        name,
        in: where,
        required: where === 'path' || !field.safeParse(undefined).success,
        description,
        schema,
      });
    }
  };
  if (route.params) add('path', route.params.shape as Record<string, z.ZodType>);
  if (route.query) add('query', route.query.shape as Record<string, z.ZodType>);
  if (route.mutation) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description:
        'Unique per logical request (1–255 characters). A retry with the same key and request replays the stored response (header Idempotent-Replayed: true) for 24 h; the same key with a different request is 422 idempotency_key_reused.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    });
  }
  if (route.ifMatch === 'required') {
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: true,
      description:
        'The tenant\'s wallet version as its ETag, e.g. "7". Missing: 428 precondition_required; stale: 412 precondition_failed with the current wallet.',
      schema: { type: 'string' },
    });
  } else if (route.ifMatch === 'optional') {
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: false,
      description:
        'Optional: the tenant\'s wallet version as its ETag, e.g. "7", to bind the request to the wallet the client last saw. Stale: 412 precondition_failed with the current wallet.',
      schema: { type: 'string' },
    });
  }
  return parameters;
}

function errorStatuses(route: RouteSpec): Map<number, ErrorCode[]> {
  const codes = new Set<ErrorCode>(['unauthenticated', ...route.errors]);
  if (!route.roles.includes('support')) codes.add('forbidden');
  if (route.mutation) {
    codes.add('idempotency_key_required');
    codes.add('idempotency_key_reused');
    codes.add('malformed_json');
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
    codes.add('validation_failed');
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = errorCodes[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

function responsesOf(route: RouteSpec): JsonObject {
  const responses: JsonObject = {};
  const headers: JsonObject = {
    'X-Request-Id': { description: 'Identifier of this request, for support.', schema: { type: 'string' } },
  };
  if (route.etag || route.ifMatch !== 'never') {
    headers.ETag = {
      description: 'The wallet version, quoted: send it back as If-Match.',
      schema: { type: 'string' },
    };
  }
  if (route.mutation) {
    headers['Idempotent-Replayed'] = {
      description:
        '"true" when this is the stored response of an earlier request with the same Idempotency-Key.',
      schema: { type: 'string', enum: ['true'] },
    };
  }
  const committed = route.successStatus === 201 ? 'Created' : 'OK';
  if (route.mutation && route.successStatus === 200) {
    responses['200'] = {
      description: `${committed}: the committed result; or, with ?dry_run=true, the preview (dry_run: true) and nothing was written.`,
      headers,
      content: { 'application/json': { schema: { oneOf: [refTo(route.response), refTo(DryRunResult)] } } },
    };
  } else {
    responses[String(route.successStatus)] = {
      description: route.mutation ? `${committed}: the committed result and its effects.` : committed,
      headers,
      content: { 'application/json': { schema: refTo(route.response) } },
    };
    if (route.mutation) {
      responses['200'] = {
        description: 'Preview (?dry_run=true): what the request would do. Nothing was written.',
        headers: { 'X-Request-Id': headers['X-Request-Id'] ?? null },
        content: { 'application/json': { schema: refTo(DryRunResult) } },
      };
    }
  }
  for (const [status, codes] of errorStatuses(route)) {
    responses[String(status)] = {
      description: codes.map((code) => `${code}: ${errorCodes[code].meaning}`).join(' '),
      content: { [PROBLEM_MEDIA]: { schema: refTo(Problem) } },
    };
  }
  return responses;
}

export function generateOpenApi(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of Object.values(routes) as RouteSpec[]) {
    const operation: JsonObject = {
      operationId: route.operationId,
      summary: route.summary,
      description: `${route.description}\n\nRoles: ${route.roles.join(', ')}.${route.mutation ? ' Mutation: needs Idempotency-Key, accepts ?dry_run=true, writes an audit entry.' : ''}`,
      tags: [route.tag],
      parameters: parametersOf(route),
      responses: responsesOf(route),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: refTo(route.body) } },
      };
    }
    const forPath = paths[route.path] ?? {};
    forPath[route.method.toLowerCase()] = operation;
    paths[route.path] = forPath;
  }

  // Keep only components reachable from the operations (the registry also holds sandbox-only schemas).
  const components = allComponents();
  const used = new Set<string>();
  collectRefs(paths as Json, used);
  for (let grew = true; grew; ) {
    const before = used.size;
    for (const id of [...used]) collectRefs(components[id] ?? null, used);
    grew = used.size > before;
  }
  const schemas: Record<string, Json> = {};
  for (const id of [...used].sort()) {
    const schema = components[id];
    if (schema === undefined) throw new Error(`unknown component ${id}`);
    schemas[id] = schema;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'ModelMachines integration contract',
      version: '1.0.0',
      summary: 'The API the ModelMachines Operator app uses to run the platform’s credit economy.',
      description:
        'Generated from shared/api (zod schemas and the route table); do not edit by hand. Credits are decimal strings with at most 4 fractional digits. Errors are RFC 9457 problem+json with a machine-readable `code`. See docs/CONTRACT.md for the state machines and ledger rules.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-ModelMachines-Proprietary' },
      contact: { name: 'ModelMachines platform team' },
    },
    servers: [{ url: 'http://127.0.0.1:8787', description: 'Local sandbox backend (npm run sandbox)' }],
    security: [{ bearerAuth: [] }],
    tags: Object.entries(tagDescriptions).map(([name, description]) => ({ name, description })),
    paths: paths as Json,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A support token (every GET) or an admin token (everything).',
        },
      },
      schemas,
    },
  };
}

/** The exact text of shared/api/openapi.json. */
export function openApiJson(): string {
  return `${JSON.stringify(generateOpenApi(), null, 2)}\n`;
}
