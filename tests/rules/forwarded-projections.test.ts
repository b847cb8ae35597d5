import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A thin wrapper that forwards its parameter to the SDK (`get: (params) => client.get(params)`,
 * `function query(p) { return ddb.send(new QueryCommand(p)) }`) reads with the caller's literal:
 * a constant projection written at the call projects the read, as it does on a direct call.
 */
const ruleTester = createRuleTesterWithTypes();

const wrappers = `${expressHeader}
const client = DynamoDBDocument.from(new DynamoDBClient({}));
const db = {
  get: (params: any) => client.get(params),
  put: (params: any) => client.put(params),
  fields: (params: any, fields: string) => client.get({ ...params, ProjectionExpression: fields }),
};
function query(p: QueryCommandInput) {
  return ddb.send(new QueryCommand(p));
}
function getProfile(p: any) {
  return db.get(p);
}
app.post('/profiles', async (req, res) => {
  await db.put({ TableName: 'Profiles', Item: { id: req.user!.sub, name: String(req.body.name), passwordHash: String(req.body.hash) } });
  res.sendStatus(204);
});
`;
const route = (body: string) => `${wrappers}app.get('/profiles/:id', async (req, res) => {
${body}
});`;
const key = `Key: { id: req.params.id }`;

ruleTester.run('no-raw-item-response (projections forwarded through wrappers)', rule, {
  valid: [
    // A constant projection written inline at the wrapper's call.
    route(`  const out = await db.get({ TableName: 'Profiles', ${key}, ProjectionExpression: 'id, #n', ExpressionAttributeNames: { '#n': 'name' } });
  res.json(out.Item);`),
    // AttributesToGet, through a wrapper of the wrapper.
    route(`  const out = await getProfile({ TableName: 'Profiles', ${key}, AttributesToGet: ['id', 'name'] });
  res.json(out.Item);`),
    // Variables assigned only constants on every branch, names and projection alike.
    route(`  let projection = '';
  let names = {};
  if (req.query.full) {
    projection = '#i,#n';
    names = { '#i': 'id', '#n': 'name' };
  } else {
    projection = '#i';
    names = { '#i': 'id' };
  }
  const out = await db.get({ TableName: 'Profiles', ${key}, ProjectionExpression: projection, ExpressionAttributeNames: names });
  res.json(out.Item);`),
    // A query wrapper taking the command input.
    route(`  const out = await query({ TableName: 'Profiles', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': req.params.id }, ProjectionExpression: 'id, title' });
  res.json(out.Items);`),
  ],
  invalid: [
    // No projection at the call: the whole item, as before.
    invalidAt(
      route(`  const out = await db.get({ TableName: 'Profiles', ${key} });
  res.json(out.Item); // ✗`),
      'rawItem',
    ),
    // Two calls of one wrapper, one projected: the item of the other still leaves whole.
    invalidAt(
      route(`  const out = req.query.short
    ? await db.get({ TableName: 'Profiles', ${key}, ProjectionExpression: 'id' })
    : await db.get({ TableName: 'Profiles', ${key} });
  res.json(out.Item); // ✗`),
      'rawItem',
    ),
    // Names the client chooses project nothing.
    invalidAt(
      route(`  const out = await db.get({ TableName: 'Profiles', ${key}, ProjectionExpression: '#f', ExpressionAttributeNames: { '#f': String(req.query.field) } });
  res.json(out.Item); // ✗`),
      'rawItem',
    ),
    // The wrapper sets its own projection from a value it is given, not a constant.
    invalidAt(
      route(`  const out = await db.fields({ TableName: 'Profiles', ${key}, ProjectionExpression: 'id' }, String(req.query.fields));
  res.json(out.Item); // ✗`),
      'rawItem',
    ),
    // The projection is on a different read than the one sent.
    invalidAt(
      route(`  await db.get({ TableName: 'Profiles', ${key}, ProjectionExpression: 'id' });
  const out = await getProfile({ TableName: 'Profiles', ${key} });
  res.json(out.Item); // ✗`),
      'rawItem',
    ),
  ],
});
