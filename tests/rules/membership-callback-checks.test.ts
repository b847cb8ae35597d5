import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { lambda } from './framework-headers.js';

/**
 * Read, check membership, act (policy 3; fresh-u PantherKolab calls): a read followed by an exit
 * unless the caller is in the item's member list ties the item to the caller, whatever form the
 * test takes — a search whose callback compares an attribute of each element with the caller
 * (`call.participants.some((p) => p.userId === sub)`, `find`), an index search compared with -1
 * (`findIndex(…) === -1`, `indexOf(sub) < 0`), a boolean constant holding the test, or the same
 * test in a helper that throws. The read and later accesses with the same key are scoped. A test
 * of a client value, a result nobody tests, a test that does not stop the request, a `filter`
 * only logged, an index tested as a boolean, or `every` (true of an empty list) ties nothing.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

/** A handler that reads a call by its path id, runs `check` on it, then deletes it by the same id. */
const direct = (check: string) =>
  `${lambda}interface Participant { userId: string; user: { id: string }; status: string }
interface Call { callId: string; participants: Participant[]; participantIds: string[] }
export const endCall = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const sub = event.requestContext.authorizer.jwt.claims.sub as string;
  const callId = event.pathParameters!.callId!;
  const out = await ddb.send(new GetCommand({ TableName: 'Calls', Key: { callId } })); // ✗
  const call = out.Item as Call | undefined;
  if (!call) return { statusCode: 404, body: '' };
  ${check}
  await ddb.send(new DeleteCommand({ TableName: 'Calls', Key: { callId } })); // ✗
  return { statusCode: 200, body: JSON.stringify({ id: call.callId }) };
};`;

/** The same, the check in a helper that throws unless the user it is passed takes part. */
const helper = (check: string) =>
  `${lambda}interface Participant { userId: string; status: string }
async function leaveCall(callId: string, userId: string): Promise<void> {
  const out = await ddb.send(new GetCommand({ TableName: 'Calls', Key: { callId } }));
  const participants = (out.Item?.participants ?? []) as Participant[];
  ${check}
  await ddb.send(new DeleteCommand({ TableName: 'Calls', Key: { callId } }));
}
export const leave = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const sub = event.requestContext.authorizer.jwt.claims.sub as string;
  await leaveCall(event.pathParameters!.callId!, sub); // ✗
  return { statusCode: 204, body: '' };
};`;

const forbidden = `return { statusCode: 403, body: '' };`;

ruleTester.run('no-unscoped-key (membership tests by callback or index)', noUnscopedKey, {
  valid: [
    { code: quiet(direct(`if (!call.participants.some((p) => p.userId === sub)) ${forbidden}`)), options: audit },
    {
      code: quiet(
        direct(`const isParticipant = !!call && call.participants.some((p) => p.userId === sub);
  if (!isParticipant) ${forbidden}`),
      ),
      options: audit,
    },
    {
      code: quiet(direct(`if (!call.participants.find((p) => { return p.user.id === sub; })) ${forbidden}`)),
      options: audit,
    },
    {
      code: quiet(direct(`if (call.participants.findIndex((p) => sub == p.userId) < 0) ${forbidden}`)),
      options: audit,
    },
    { code: quiet(direct(`if (call.participantIds.indexOf(sub) === -1) ${forbidden}`)), options: audit },
    {
      code: quiet(
        helper(`const i = participants.findIndex((p) => p.userId === userId);
  if (i === -1) throw new Error('Participant not found in call');`),
      ),
      options: audit,
    },
    {
      code: quiet(helper(`if (!participants.some((p) => p.userId === userId)) throw new Error('not a participant');`)),
      options: audit,
    },
    {
      code: quiet(
        direct(`if (!call.participants.some((p) => p.status === 'JOINED' && p.userId === sub)) ${forbidden}`),
      ),
      options: audit,
    },
  ],
  invalid: [
    // The callback's conjunction tests the element against constants only.
    {
      ...invalidAt(
        direct(`if (!call.participants.some((p) => p.status === 'JOINED' && p.isOwner === true)) ${forbidden}`),
        'unscopedKey',
      ),
      options: audit,
    },
    // The callback compares each participant with a value the client sends.
    {
      ...invalidAt(
        direct(`if (!call.participants.some((p) => p.userId === event.queryStringParameters?.userId)) ${forbidden}`),
        'unscopedKey',
      ),
      options: audit,
    },
    // The test's result is never tested.
    {
      ...invalidAt(
        direct(`const isParticipant = call.participants.some((p) => p.userId === sub);
  console.log(isParticipant);`),
        'unscopedKey',
      ),
      options: audit,
    },
    // The failed test does not stop the request.
    {
      ...invalidAt(
        direct(`if (!call.participants.find((p) => p.userId === sub)) console.warn('not a participant');`),
        'unscopedKey',
      ),
      options: audit,
    },
    // A filter whose result is only logged.
    {
      ...invalidAt(direct(`console.log(call.participants.filter((p) => p.userId === sub));`), 'unscopedKey'),
      options: audit,
    },
    // An index tested as a boolean: 0 (found first) is falsy, -1 (not found) truthy.
    {
      ...invalidAt(direct(`if (!call.participants.findIndex((p) => p.userId === sub)) ${forbidden}`), 'unscopedKey'),
      options: audit,
    },
    // `every` holds of an empty list.
    {
      ...invalidAt(direct(`if (!call.participants.every((p) => p.userId === sub)) ${forbidden}`), 'unscopedKey'),
      options: audit,
    },
    // The helper goes on only when the user is NOT found.
    {
      ...invalidAt(
        helper(`if (participants.findIndex((p) => p.userId === userId) !== -1) throw new Error('already left');`),
        'unscopedKey',
      ),
      options: audit,
    },
  ],
});
