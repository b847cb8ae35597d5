import path from 'node:path';
import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { lambda } from './framework-headers.js';

/**
 * A service written as an object literal whose methods call each other through `this` (fresh-u
 * PantherKolab `callService`): in a method of an object literal (shorthand or a `function`
 * property) `this` is the literal, so `this.getCall(id)` runs the sibling method and `this.table`
 * reads the sibling member, the read-check-act through the returned item scoping the write. Run in
 * a project without `noImplicitThis` (`loose/`), where the checker types such a `this` as `any`.
 * An arrow function's `this`, and a nested function's, are not the literal.
 */
const ruleTester = createRuleTesterWithTypes();
const loose = path.join(fixturesDir, 'loose/file.ts');
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

/** A service whose `leave` reads the call through `read`, exits unless the user takes part, then deletes it. */
const service = (leave: string, read = 'await this.getCall(callId)') =>
  `${lambda}interface Participant { userId: string; status: string }
interface Call { callId: string; participants: Participant[] }
export const callService = {
  table: 'Calls',
  async getCall(callId: string): Promise<Call | undefined> {
    const out = await ddb.send(new GetCommand({ TableName: this.table, Key: { callId } }));
    return out.Item as Call | undefined;
  },
  ${leave.replace('READ', read)},
};
export const leave = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const sub = event.requestContext.authorizer.jwt.claims.sub as string;
  await callService.leaveCall(event.pathParameters!.callId!, sub); // ✗
  return { statusCode: 204, body: '' };
};`;

const body = `{
    const call = READ;
    if (!call || !call.participants.some((p) => p.userId === userId)) throw new Error('not a participant');
    await ddb.send(new DeleteCommand({ TableName: 'Calls', Key: { callId } }));
  }`;

ruleTester.run('no-unscoped-key (`this` in methods of object literals)', noUnscopedKey, {
  valid: [
    {
      code: quiet(service(`async leaveCall(callId: string, userId: string) ${body}`)),
      filename: loose,
      options: audit,
    },
    {
      code: quiet(service(`leaveCall: async function (callId: string, userId: string) ${body}`)),
      filename: loose,
      options: audit,
    },
    // An arrow function inside the method keeps the method's `this`.
    {
      code: quiet(
        service(
          `async leaveCall(callId: string, userId: string) ${body.replace('{', '{\n    const load = (id: string) => this.getCall(id);')}`,
          'await load(callId)',
        ),
      ),
      filename: loose,
      options: audit,
    },
  ],
  invalid: [
    // An arrow function property's `this` is the module's, not the literal.
    {
      ...invalidAt(service(`leaveCall: async (callId: string, userId: string) => ${body}`), 'unscopedKey'),
      filename: loose,
      options: audit,
    },
    // A nested function's `this` is its own.
    {
      ...invalidAt(
        service(
          `async leaveCall(callId: string, userId: string) ${body}`,
          'await (async function (this: unknown) { return callService.getCall.call(this, callId); })()',
        ),
        'unscopedKey',
      ),
      filename: loose,
      options: audit,
    },
  ],
});

/** Rooms: created by the caller, every room listed to anyone; `get` reads one by id from `this.table`. */
const rooms = (table: string) => `${expressHeader}
export const roomService = {
  table: '${table}',
  async get(id: string) {
    return (await ddb.send(new GetCommand({ TableName: this.table, Key: { id } }))).Item;
  },
};
app.post('/rooms', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Rooms', Item: { id: crypto.randomUUID(), name: String(req.body.name), createdBy: req.user!.sub } }));
  res.sendStatus(201);
});
app.get('/rooms', async (req, res) => {
  const out = await ddb.send(new ScanCommand({ TableName: 'Rooms' }));
  res.json(out.Items?.map((room) => ({ id: room.id, name: room.name })));
});
app.get('/rooms/:id', async (req, res) => {
  const room = await roomService.get(req.params.id); // ✗
  res.json({ name: room?.name });
});`;

/** A v2 client held by the service and used as `this.doc`; `remove` deletes a note by the client's id. */
const notes = `import AWS from 'aws-sdk';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
export const noteService = {
  doc: new AWS.DynamoDB.DocumentClient(),
  async remove(noteId: string) {
    await this.doc.delete({ TableName: 'Notes', Key: { noteId } }).promise();
  },
};
export const remove = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  await noteService.remove(event.pathParameters!.noteId!); // ✗
  return { statusCode: 204, body: '' };
};`;

ruleTester.run('no-unscoped-key (members of object literals read through `this`)', noUnscopedKey, {
  valid: [
    // `this.table` names the table listed to everyone: the read by id shows nothing more.
    { code: quiet(rooms('Rooms')), filename: loose },
  ],
  invalid: [
    // The client `this.doc` is the literal's DocumentClient.
    { ...invalidAt(notes, 'unscopedKey'), filename: loose, options: audit },
    // Another table than the one listed stays reported.
    { ...invalidAt(rooms('Drafts'), 'unscopedKey'), filename: loose },
  ],
});
