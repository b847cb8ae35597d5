import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A constant projection is an allow-list, so a projected read sends no whole item; but a
 * projection that names what even the item's owner must not see (a password hash, a role, an
 * internal flag) still sends it, whether written on a direct call or at a wrapper's call. Names a
 * deny-list removes again on the way are not sent. The message names the projection.
 */
const ruleTester = createRuleTesterWithTypes();

const header = `${expressHeader}
const client = DynamoDBDocument.from(new DynamoDBClient({}));
const db = { get: (params: any) => client.get(params) };
`;
const own = (body: string) => `${header}app.get('/me', async (req, res) => {
${body}
});`;
const key = `Key: { id: req.user!.sub }`;

ruleTester.run('no-raw-item-response (projections that name secrets)', rule, {
  valid: [
    // Personal data is the owner's own to see.
    own(`  const out = await client.get({ TableName: 'Accounts', ${key}, ProjectionExpression: 'id, email' });
  res.json(out.Item);`),
    // The secret the projection names is deleted before the response.
    own(`  const out = await db.get({ TableName: 'Accounts', ${key}, ProjectionExpression: 'id, #p', ExpressionAttributeNames: { '#p': 'passwordHash' } });
  delete out.Item!.passwordHash;
  res.json(out.Item);`),
    // Nothing sensitive projected: silent even as an audit.
    {
      code: own(`  const out = await db.get({ TableName: 'Accounts', ${key}, ProjectionExpression: 'id, name' });
  res.json(out.Item);`),
      options: [{ evidence: 'none' }],
    },
  ],
  invalid: [
    // On a direct call.
    invalidAt(
      own(`  const out = await client.get({ TableName: 'Accounts', ${key}, ProjectionExpression: 'id, passwordHash' });
  res.json(out.Item); // ✗`),
      'projectedSecret',
    ),
    // Through the wrapper, by an attribute name placeholder.
    invalidAt(
      own(`  const out = await db.get({ TableName: 'Accounts', ${key}, ProjectionExpression: 'id, #p', ExpressionAttributeNames: { '#p': 'passwordHash' } });
  res.json(out.Item); // ✗`),
      'projectedSecret',
    ),
    // AttributesToGet naming a role.
    invalidAt(
      own(`  const out = await db.get({ TableName: 'Accounts', ${key}, AttributesToGet: ['id', 'role'] });
  res.json(out.Item); // ✗`),
      'projectedSecret',
    ),
  ],
});
