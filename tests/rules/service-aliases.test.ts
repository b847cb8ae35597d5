/**
 * An ElectroDB `Service` reached through an import only the package's tsconfig resolves
 * (`baseUrl`): linted with the ROOT tsconfig as one program, `CarsApp.entities.booking.update(…)`
 * is still a sink, its entity found from the declaration `new Service({ booking: BookingModel })`.
 * The caller is the owner of the access token Cognito checked (`GetUserCommand`), and the user row
 * read by the email it returns stands for the caller, also through a service's class field.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportsWithRootProject } from '../root-project.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/service-aliases');
const handlers = path.join(root, 'packages/cars/handlers/bookings.ts');
// remove: checked against the caller's row (the sort key is only unvalidated); edit: anyone's booking;
// mine: keyed by the caller's row.
const expected = [
  '8 dynamodb-security/no-unvalidated-input',
  '15 dynamodb-security/no-unscoped-key',
  '15 dynamodb-security/no-unscoped-key',
  '21 dynamodb-security/no-unvalidated-input',
];

describe('an ElectroDB Service imported through a baseUrl alias, and a caller Cognito verified', () => {
  it('recommended', async () => {
    expect(await reportsWithRootProject(root, handlers, 'recommended')).toEqual(expected);
  }, 60_000);
  it('strict', async () => {
    expect(await reportsWithRootProject(root, handlers, 'strict')).toEqual(expected);
  }, 60_000);
});
