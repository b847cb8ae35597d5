import noRawItemResponse from '../../rules/no-raw-item-response.js';
import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * The caller's own row inside a partition of another kind (`MEMBER#<caller>` under `COMMUNITY#<id>`,
 * a membership, a like, a vote) makes that row the caller's, not the partition's other items: a
 * community everyone may join and read is no user's because its members' rows name them. Where the
 * partition's own item stores the caller (a creator), or the partition is a principal's (`USER#<id>`),
 * its items are still users'.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (table: string, metadata: string, partition = 'COMMUNITY') => `${expressHeader}
app.post('/${table}', async (req, res) => {
  const id = crypto.randomUUID();
  await ddb.send(new PutCommand({ TableName: '${table}', Item: { PK: \`${partition}#\${id}\`, SK: \`METADATA#\${id}\`, ${metadata} } }));
  await ddb.send(new PutCommand({ TableName: '${table}', Item: { PK: \`${partition}#\${id}\`, SK: \`MEMBER#\${req.user!.sub}\`, userId: req.user!.sub, role: 'admin' } }));
  res.status(201).json({ id });
});
app.post('/${table}/:id/join', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: '${table}', Item: { PK: \`${partition}#\${req.params.id}\`, SK: \`MEMBER#\${req.user!.sub}\`, userId: req.user!.sub, role: 'member' } }));
  res.sendStatus(204);
});
app.get('/${table}/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: '${table}', Key: { PK: \`${partition}#\${req.params.id}\`, SK: \`METADATA#\${req.params.id}\` } })); // ✗✗
  res.json(out.Item); // ✗
});`;

const quiet = (text: string) => text.replaceAll(' // ✗✗', '').replaceAll(' // ✗', '');
const unscopedOnly = (text: string) => text.replace('res.json(out.Item); // ✗', 'res.json(out.Item);');
const rawOnly = (text: string) => text.replace(' // ✗✗', '');
const options = [{ evidence: 'required' }] as const;

const community = app('Communities', 'name: String(req.body.name)');
const createdBy = app('Clubs', 'name: String(req.body.name), createdBy: req.user!.sub');
const principalPartition = app('Accounts', 'name: String(req.body.name)', 'USER');

ruleTester.run('no-unscoped-key (member rows)', noUnscopedKey, {
  valid: [{ code: quiet(community), options }],
  invalid: [
    // The community's own item names its creator: its items are users'.
    { ...invalidAt(unscopedOnly(createdBy), 'unscopedKey'), options },
    // A principal's partition is the principal's, whatever its sort keys say.
    { ...invalidAt(unscopedOnly(principalPartition), 'unscopedKey'), options },
    { ...invalidAt(unscopedOnly(community), 'unscopedKey'), options: [{ evidence: 'none' }] },
  ],
});

ruleTester.run('no-raw-item-response (member rows)', noRawItemResponse, {
  // The members' `role` is no attribute of the community item.
  valid: [{ code: quiet(community), options }],
  invalid: [{ ...invalidAt(rawOnly(community), 'rawItem'), options: [{ evidence: 'none' }] }],
});
