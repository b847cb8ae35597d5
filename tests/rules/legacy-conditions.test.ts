import baseRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { js, lambdaJs } from './framework-headers.js';

/**
 * DynamoDB's legacy parameters are the older forms of the condition expressions: `KeyConditions`
 * selects items like `KeyConditionExpression`, `ScanFilter` like a scan's `FilterExpression`,
 * `QueryFilter` filters like a query's `FilterExpression`, and `Expected` conditions a write like
 * `ConditionExpression` (an `EQ`/`Value` on the caller is an owner condition; joined by
 * `ConditionalOperator: 'OR'` it is none). Their `AttributeValueList`/`Value` values are positions.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string) => invalidAt(`${expressHeader}${code}`, 'unscopedKey' as const);
const good = (code: string) => ({ code: `${expressHeader}${code}` });
const badJs = (code: string) => ({ ...invalidAt(`${lambdaJs}${code}`, 'unscopedKey' as const), filename: js });
const goodJs = (code: string) => ({ code: `${lambdaJs}${code}`, filename: js });

ruleTester.run('no-unscoped-key (legacy KeyConditions, QueryFilter, ScanFilter, Expected)', rule, {
  valid: [
    good(`
app.get('/notes', async (req: Request, res: Response) => {
  const r = await ddb.send(new QueryCommand({ TableName: 'notes', KeyConditions: { userId: { ComparisonOperator: 'EQ', AttributeValueList: [req.user!.sub] } } }));
  res.json(r.Items?.map((item) => item.title));
});`),
    // The partition is the caller's; a filter only narrows the caller's items.
    good(`
app.get('/notes', async (req: Request, res: Response) => {
  const r = await ddb.send(new QueryCommand({
    TableName: 'notes',
    KeyConditions: { userId: { ComparisonOperator: 'EQ', AttributeValueList: [req.user!.sub] } },
    QueryFilter: { tag: { ComparisonOperator: 'EQ', AttributeValueList: [String(req.query.tag)] } },
  }));
  res.json(r.Items?.map((item) => item.title));
});`),
    // A delete conditioned on the caller owning the item (the legacy owner condition).
    good(`
app.delete('/notes/:id', async (req: Request, res: Response) => {
  await ddb.send(new DeleteCommand({ TableName: 'notes', Key: { id: req.params.id }, Expected: { ownerId: { Value: req.user!.sub } } }));
  res.sendStatus(204);
});`),
    good(`
app.delete('/notes/:id', async (req: Request, res: Response) => {
  await ddb.send(new DeleteCommand({ TableName: 'notes', Key: { id: req.params.id }, Expected: { ownerId: { ComparisonOperator: 'EQ', AttributeValueList: [req.user!.sub] } } }));
  res.sendStatus(204);
});`),
    // A scan whose filter keeps only the caller's items.
    goodJs(`
exports.handler = async (event) => {
  const r = await doc.scan({ TableName: 'notes', ScanFilter: { ownerId: { ComparisonOperator: 'EQ', AttributeValueList: [event.requestContext.authorizer.claims.sub] } } }).promise();
  return { statusCode: 200, body: JSON.stringify(r.Items.map((item) => item.title)) };
};`),
  ],
  invalid: [
    bad(`
app.get('/notes/:userId', async (req: Request, res: Response) => {
  const r = await ddb.send(new QueryCommand({ TableName: 'notes', KeyConditions: { userId: { ComparisonOperator: 'EQ', AttributeValueList: [req.params.userId] } } })); // ✗
  res.json(r.Items?.map((item) => item.title));
});`),
    // Built over several statements, as the Amplify template does.
    badJs(`
exports.handler = async (event) => {
  const condition = {};
  condition.userId = { ComparisonOperator: 'EQ' };
  condition.userId.AttributeValueList = [event.pathParameters.userId]; // ✗
  const r = await doc.query({ TableName: 'notes', KeyConditions: condition }).promise();
  return { statusCode: 200, body: JSON.stringify(r.Items.map((item) => item.title)) };
};`),
    badJs(`
exports.handler = async (event) => {
  const r = await doc.scan({ TableName: 'notes', ScanFilter: { ownerId: { ComparisonOperator: 'EQ', AttributeValueList: [event.queryStringParameters.owner] } } }).promise(); // ✗
  return { statusCode: 200, body: JSON.stringify(r.Items.map((item) => item.title)) };
};`),
    // An owner condition joined by OR holds for others' items too.
    bad(`
app.delete('/notes/:id', async (req: Request, res: Response) => {
  await ddb.send(new DeleteCommand({ TableName: 'notes', Key: { id: req.params.id }, ConditionalOperator: 'OR', Expected: { ownerId: { Value: req.user!.sub }, shared: { Value: true } } })); // ✗
  res.sendStatus(204);
});`),
  ],
});
