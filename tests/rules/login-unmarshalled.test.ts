import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * `unmarshall(item)` is the item, as `marshall(x)` is `x`: a login that reads the user with the
 * low-level client, converts the items (`out.Items?.map((i) => unmarshall(i))`, also in a wrapper
 * that stores them back on the output) and compares the item's password hash is a login lookup. The look-alike compares a
 * hash the client sent.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (hash: string, mark = '') => `import express from 'express';
import bcrypt from 'bcrypt';
import { DynamoDBClient, QueryCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
declare global {
  namespace Express {
    interface Request { user?: { sub: string } }
  }
}
declare function sign(claims: object): string;
const client = new DynamoDBClient({});
const app = express();
app.post('/login', async (req, res) => {
  const { email, password } = req.body as { email: string; password: string; hash: string };
  const out = await client.send(new QueryCommand({ TableName: 'Users', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': { S: email } } }));${mark}
  const users = out.Items?.map((item) => unmarshall(item)) as any;
  if (!users?.length || !(await bcrypt.compare(password, ${hash}))) return res.sendStatus(401);
  res.json({ token: sign({ id: users[0].userId }) });
});
app.put('/users/me', async (req, res) => {
  await client.send(new PutItemCommand({ TableName: 'Users', Item: marshall({ userId: req.user!.sub, name: String(req.body.name) }) }));
  res.sendStatus(204);
});`;

const options = [{ evidence: 'required' }] as const;

ruleTester.run('no-unscoped-key (logins over unmarshalled items)', noUnscopedKey, {
  valid: [{ code: app('users[0].passwordHash'), options }],
  invalid: [
    { ...invalidAt(app('String(req.body.hash)', ' // ✗'), 'unscopedKey'), options },
    { ...invalidAt(app('String(req.body.hash)', ' // ✗'), 'unscopedKey'), options: [{ evidence: 'none' }] as const },
  ],
});
