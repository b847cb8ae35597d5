import path from 'node:path';
import rawRule from '../../rules/no-raw-item-response.js';
import keyRule from '../../rules/no-unscoped-key.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Data-mapper entities imported through imports the checker cannot resolve: in
 * `tests/fixtures/subpath-entities/` the package.json `imports` map has extensionless targets
 * (`#entities/*`, `#vendor/*`), which the program's module resolution does not complete. An
 * entity module builds `new Entity(…)` with the `Entity` a vendor wrapper re-exports from
 * ElectroDB; a handler imports the entity. The entity is still ElectroDB's, with its declared
 * keys; a look-alike `Entity` class of the program's own (`#vendor/Local/entity`) is not.
 */
const ruleTester = createRuleTesterWithTypes();
const filename = path.join(fixturesDir, 'subpath-entities/src/handlers/devices.ts');
const header = `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Devices } from '#entities/Devices';
import { Drafts } from '#entities/Drafts';
const caller = (event: APIGatewayProxyEvent) => String(event.requestContext.authorizer?.claims?.sub ?? '');
`;
const valid = (body: string) => ({ code: header + body, filename });
const unscoped = (body: string) => ({ ...invalidAt(header + body, 'unscopedKey' as const), filename });
const raw = (body: string) => ({ ...invalidAt(header + body, 'rawItem' as const), filename });
const ownDevice = valid(`
export async function mine(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { data } = await Devices.get({ deviceId: caller(event) }).go();
  return { statusCode: 200, body: JSON.stringify({ name: data?.name }) };
}`);

ruleTester.run('no-unscoped-key (entities through unresolved imports)', auditMode(keyRule), {
  valid: [
    // The key is the caller's own id.
    ownDevice,
    // Only the declared key (deviceId) selects the item: the body's other fields are attributes.
    valid(`
export async function rename(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const body = JSON.parse(event.body ?? '{}') as { name: string; token: string };
  await Devices.upsert({ deviceId: caller(event), ownerId: caller(event), name: body.name, token: body.token }).go();
  return { statusCode: 204, body: '' };
}`),
    // The program's own class named Entity: no DynamoDB access.
    valid(`
export async function draft(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { data } = await Drafts.get({ draftId: event.pathParameters?.draftId ?? '' }).go();
  return { statusCode: 200, body: JSON.stringify({ text: data.draftId }) };
}`),
  ],
  invalid: [
    unscoped(`
export async function getDevice(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { data } = await Devices.get({ deviceId: event.pathParameters?.deviceId ?? '' }).go(); // ✗
  return { statusCode: 200, body: JSON.stringify({ name: data?.name }) };
}`),
    // Any caller overwrites any device: its id comes from the body.
    unscoped(`
export async function register(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const body = JSON.parse(event.body ?? '{}') as { deviceId: string; token: string };
  await upsertDevice({ deviceId: body.deviceId, token: body.token }); // ✗
  return { statusCode: 204, body: '' };
}
async function upsertDevice(device: { deviceId: string; token: string }) {
  return Devices.upsert({ deviceId: device.deviceId, ownerId: 'unknown', token: device.token }).go();
}`),
  ],
});

ruleTester.run('no-raw-item-response (entities through unresolved imports)', auditMode(rawRule), {
  valid: [
    ownDevice,
    // The look-alike's result is not a DynamoDB item.
    valid(`
export async function draft(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { data } = await Drafts.get({ draftId: caller(event) }).go();
  return { statusCode: 200, body: JSON.stringify(data) };
}`),
  ],
  invalid: [
    raw(`
export async function mineWhole(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { data } = await Devices.get({ deviceId: caller(event) }).go();
  return { statusCode: 200, body: JSON.stringify(data) }; // ✗
}`),
  ],
});

/**
 * The same through a package the checker sees without types (`tests/fixtures/subpath-entities-untyped/`
 * maps `electrodb` to plain JavaScript): the wrapper's own `import { Entity } from 'electrodb'` is
 * what makes the entity the package's.
 */
const untypedFile = path.join(fixturesDir, 'subpath-entities-untyped/src/handlers/devices.ts');
const untypedHeader = `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Devices } from '#entities/Devices';
`;

ruleTester.run('no-unscoped-key (untyped package entities through unresolved imports)', auditMode(keyRule), {
  valid: [
    {
      code: `${untypedHeader}
export async function mine(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const sub = String(event.requestContext.authorizer?.claims?.sub ?? '');
  await Devices.upsert({ deviceId: sub, token: JSON.parse(event.body ?? '{}').token }).go();
  return { statusCode: 204, body: '' };
}`,
      filename: untypedFile,
    },
  ],
  invalid: [
    {
      ...invalidAt(
        `${untypedHeader}
export async function getDevice(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  await Devices.delete({ deviceId: event.pathParameters?.deviceId ?? '' }).go(); // ✗
  return { statusCode: 204, body: '' };
}`,
        'unscopedKey' as const,
      ),
      filename: untypedFile,
    },
  ],
});
