import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §5: a write that stores the caller's id makes the entity owned, whether it is a put of its
 * own, a `PutRequest` of a batch (the table is the `RequestItems` entry's name, here a variable's
 * value in a computed key) or a `Put` of a transaction.
 */
const ruleTester = createRuleTesterWithTypes();

const program = (create: string) => `${expressHeader}
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
const ROOMS = process.env.ROOMS_TABLE!;
app.post('/rooms', async (req, res) => {
  const room = { Item: { id: crypto.randomUUID(), name: String(req.body.name), OWNER } };
${create}
  res.sendStatus(201);
});
app.delete('/rooms/:id', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: ROOMS, Key: { id: req.params.id } })); // ✗
  res.sendStatus(204);
});`;
const batch = `  await ddb.send(new BatchWriteCommand({ RequestItems: { [ROOMS]: [{ PutRequest: room }] } }));`;
const transaction = `  await ddb.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: ROOMS, Item: room.Item } }] }));`;
const owned = (code: string) => code.replace('OWNER', 'ownerId: req.user!.sub');
const unowned = (code: string) => code.replace('OWNER', 'topic: String(req.body.topic)').replace(' // ✗', '');

ruleTester.run('no-unscoped-key (owners stored by batch and transaction writes)', noUnscopedKey, {
  valid: [
    // Rooms written with no owner are shared: deleting one by id is by design.
    unowned(program(batch)),
    unowned(program(transaction)),
  ],
  invalid: [invalidAt(owned(program(batch)), 'unscopedKey'), invalidAt(owned(program(transaction)), 'unscopedKey')],
});
