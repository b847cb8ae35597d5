import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Deliveries: an update that only appends entries naming the caller to a list or set of another
 * user's record (a friend request, an invitation, a follow) reads and replaces nothing of theirs,
 * so `recommended` does not report the client's choice of the record. It does when the update also
 * sets or removes something, or when an appended entry names someone the client chose.
 */
const ruleTester = createRuleTesterWithTypes();

// Users' own records (each signs itself up with the caller's id), so a write by a chosen id is reported.
const members = `${expressHeader}
app.post('/signup', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Members', Item: { memberId: req.user!.sub, username: String(req.body.username), requests: [] } }));
  res.sendStatus(201);
});`;
const code = (update: string) => `${members}
app.post('/members/:id/requests', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  const me = req.user.sub;
${update}
  return res.sendStatus(204);
});`;

const update = (expression: string, values: string) => `  await ddb.send(new UpdateCommand({
    TableName: 'Members',
    Key: { memberId: req.params.id }, // ✗
    UpdateExpression: '${expression}',
    ExpressionAttributeValues: { ${values} },
  }));`;

const quiet = (text: string) => text.replace(' // ✗', '');
const options = [{ evidence: 'required' }] as const;

const friendRequest = update(
  'SET requests = list_append(if_not_exists(requests, :none), :req)',
  `':none': [], ':req': [{ fromId: me, note: String(req.body.note), sentAt: Date.now() }]`,
);
const follow = update('ADD followers :me', `':me': new Set([me])`);
const lowLevelEntry = update(
  'SET invites = list_append(invites, :inv)',
  `':inv': { L: [{ M: { user_id: { S: me }, title: { S: String(req.body.title) } } }] }`,
);

// The member the request names is looked up by username only to address the delivery.
const lookup = (use: string) => `${members}
app.post('/requests', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  const target = await ddb.send(new QueryCommand({ TableName: 'Members', IndexName: 'username-index', KeyConditionExpression: 'username = :u', ExpressionAttributeValues: { ':u': String(req.body.username) } })); // ✗
  if (!target.Items?.length) return res.sendStatus(404);
  await ddb.send(new UpdateCommand({
    TableName: 'Members',
    Key: { memberId: target.Items[0].memberId },
    UpdateExpression: 'SET requests = list_append(requests, :req)',
    ExpressionAttributeValues: { ':req': [{ fromId: req.user.sub }] },
  }));
${use}
});`;

const callerTested = (test: string) => `  if (target.$metadata.httpStatusCode !== 200) return res.sendStatus(500);
  if (target.Items![0].requests.some((r: { fromId: string }) => ${test})) return res.sendStatus(409);
  return res.sendStatus(204);`;

const unfollow = update('DELETE followers :me', `':me': new Set([me])`);

// Starring a member: the caller's own star row is put with a condition (once per caller and member), then the count is stepped.
const starRow = (key: string, condition = ", ConditionExpression: 'attribute_not_exists(pk)'") =>
  `    await ddb.send(new PutCommand({ TableName: 'Stars', Item: { ${key} }${condition} }));`;
const ownStar = starRow('pk: `STAR#${req.user.sub}`, sk: `MEMBER#${req.params.id}`');
const starred = (before: string, step = 'SET stars = stars + :one', one = '1') => `${members}
app.post('/members/:id/star', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  try {
${before}
    await ddb.send(new UpdateCommand({
      TableName: 'Members',
      Key: { memberId: req.params.id }, // ✗
      UpdateExpression: '${step}',
      ExpressionAttributeValues: { ':one': ${one} },
    }));
  } catch {
    return res.sendStatus(409);
  }
  return res.sendStatus(204);
});`;

// The same through a thin wrapper object (`db.update(params)` sends `params`): the input literals are the caller's.
const wrapped = (text: string) =>
  text
    .replace(
      "app.post('/members/:id/star'",
      `import type { PutCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
const db = {
  put: (params: PutCommandInput) => ddb.send(new PutCommand(params)),
  update: (params: UpdateCommandInput) => ddb.send(new UpdateCommand(params)),
};
app.post('/members/:id/star'`,
    )
    .replace("await ddb.send(new PutCommand({ TableName: 'Stars'", "await db.put({ TableName: 'Stars'")
    .replace(
      "ConditionExpression: 'attribute_not_exists(pk)' }));",
      "ConditionExpression: 'attribute_not_exists(pk)' });",
    )
    .replace('    await ddb.send(new UpdateCommand({', '    await db.update({')
    .replace('    }));\n  } catch', '    });\n  } catch');

ruleTester.run('no-unscoped-key (deliveries)', noUnscopedKey, {
  valid: [
    { code: quiet(code(friendRequest)), options },
    { code: quiet(code(follow)), options },
    { code: quiet(code(lowLevelEntry)), options },
    // Unfollowing: the caller's own id removed from the member's set.
    { code: quiet(code(unfollow)), options },
    // A count stepped by a constant once the caller's own conditional star row went in: one star per caller.
    { code: quiet(starred(ownStar)), options },
    { code: quiet(starred(ownStar, 'ADD stars :one')), options },
    { code: quiet(wrapped(starred(ownStar))), options },
    { code: quiet(lookup('  return res.sendStatus(204);')), options },
    // The call's status and whether the member's list already names the caller say nothing else of them.
    { code: quiet(lookup(callerTested('r.fromId === req.user!.sub'))), options },
  ],
  invalid: [
    // The entry says it is from someone the client names: the caller can speak for anyone.
    {
      ...invalidAt(
        code(update('SET friends = list_append(friends, :f)', `':f': [{ friendId: String(req.body.from) }]`)),
        'unscopedKey',
      ),
      options,
    },
    // Appending and also overwriting the owner's data is no delivery.
    {
      ...invalidAt(
        code(
          update(
            'SET requests = list_append(requests, :req), #n = :name',
            `':req': [{ fromId: me }], ':name': String(req.body.name)`,
          ).replace(
            '    ExpressionAttributeValues',
            "    ExpressionAttributeNames: { '#n': 'name' },\n    ExpressionAttributeValues",
          ),
        ),
        'unscopedKey',
      ),
      options,
    },
    // Nothing of the caller in the entry: anyone's list gets the client's text.
    {
      ...invalidAt(
        code(update('SET requests = list_append(requests, :req)', `':req': [{ note: String(req.body.note) }]`)),
        'unscopedKey',
      ),
      options,
    },
    // The looked-up member is also sent back: the read discloses them.
    { ...invalidAt(lookup('  return res.json(target.Items[0]);'), 'unscopedKey'), options },
    // The member's list is tested against a value the client chose: an answer about anyone's entries.
    { ...invalidAt(lookup(callerTested('r.fromId === String(req.body.from)')), 'unscopedKey'), options },
    // Removing someone the client names from the member's set.
    {
      ...invalidAt(code(update('DELETE followers :f', `':f': new Set([String(req.body.who)])`)), 'unscopedKey'),
      options,
    },
    // Nothing bounds the step: one caller drives anyone's count.
    { ...invalidAt(starred(''), 'unscopedKey'), options },
    { ...invalidAt(wrapped(starred('')), 'unscopedKey'), options },
    // The star row has no condition: it never fails, so it bounds nothing.
    {
      ...invalidAt(starred(starRow('pk: `STAR#${req.user.sub}`, sk: `MEMBER#${req.params.id}`', '')), 'unscopedKey'),
      options,
    },
    // The condition is on the caller's row alone, not per member starred.
    { ...invalidAt(starred(starRow('pk: `STAR#${req.user.sub}`, sk: `STAR`')), 'unscopedKey'), options },
    // Its failure is swallowed: the step runs anyway.
    { ...invalidAt(starred(`    try {\n${ownStar}\n    } catch {}`), 'unscopedKey'), options },
    // The step is the client's number.
    { ...invalidAt(starred(ownStar, 'SET stars = stars + :one', 'Number(req.body.n)'), 'unscopedKey'), options },
    // Another attribute is copied over the count.
    { ...invalidAt(starred(ownStar, 'SET stars = rank + :one'), 'unscopedKey'), options },
    // strict reports the choice of record whatever the update does.
    { ...invalidAt(code(friendRequest), 'unscopedKey'), options: [{ evidence: 'none' }] },
  ],
});
