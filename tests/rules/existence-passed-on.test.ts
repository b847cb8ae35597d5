import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Existence checks whose result is passed on before it is tested (fresh-v U, fresh-u E): a
 * validator's parse of the item is still the item (`schema.safeParse(Item).data`, its `success`
 * only tested, its `error` only logged); an attribute a scan's filter requires equal to the value sent (`username = :u`)
 * holds that value, so comparing it tells nothing of the item (a uniqueness test); items a `map`
 * callback returns are the elements of its list, awaited together by `Promise.all` and tested one
 * by one with `some`/`every`. The look-alikes let the item, or another attribute of it, out.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (helpers: string, body: string) => `import express from 'express';
import AWS from 'aws-sdk';
import { z } from 'zod';
const doc = new AWS.DynamoDB.DocumentClient();
const app = express();
const settingsSchema = z.object({ email: z.string(), username: z.string() });
${helpers}
app.post('/users', async (req, res) => {
  const email = String(req.body.email);
${body}
});`;

const options = [{ evidence: 'required' }] as const;
const marked = (code: string, line: string) => code.replace(line, `${line} // ✗`);

// (a) the helper returns the item through a validator's parse.
const parsedHelper = (returned: string) => `async function getSettings(email: string) {
  const { Item } = await doc.get({ TableName: 'Settings', Key: { email } }).promise();
  if (!Item) return null;
  const parsed = settingsSchema.safeParse(Item);
  if (!parsed.success) throw new Error('malformed');
  return ${returned};
}`;
const settingsCall = '  const settings = await getSettings(email);';
const exists = `${settingsCall}\n  if (!settings) return res.status(404).end();\n  res.json({ exists: true });`;
const destructured = `async function getSettings(email: string) {
  const { Item } = await doc.get({ TableName: 'Settings', Key: { email } }).promise();
  if (!Item) return null;
  const { success, data } = settingsSchema.safeParse(Item);
  return success ? data : null;
}`;

// (b) a uniqueness test on a scan filtered by the value sent.
const byName = (filter: string) => `async function findByUsername(username: string) {
  const out = await doc.scan({ TableName: 'Settings', FilterExpression: '${filter}', ExpressionAttributeValues: { ':u': username } }).promise();
  return out.Items ?? [];
}`;
const takenCall = '  const taken = await findByUsername(String(req.body.username));';
const unique = (compared: string) =>
  `${takenCall}\n  if (taken.length && taken[0].${compared} !== email) return res.status(409).end();\n  res.end();`;

// (c) the items of a `map` awaited together, each tested for presence.
const getUser = `async function getUser(userId: string) {
  const result = await doc.get({ TableName: 'Users', Key: { userId } }).promise();
  return result.Item ? result.Item : null;
}`;
const mappedCall = '  const results = await Promise.all((req.body.ids as string[]).map((id) => getUser(id)));';
const someMissing = (test: string) =>
  `${mappedCall}\n  if (results.some(${test})) return res.status(404).end();\n  res.end();`;

ruleTester.run('no-unscoped-key (existence checks passed on before the test)', noUnscopedKey, {
  valid: [
    { code: app(parsedHelper('parsed.data'), exists), options },
    { code: app(parsedHelper('settingsSchema.parse(Item)'), exists), options },
    { code: app(destructured, exists), options },
    // The validator's report goes to the server's log only.
    {
      code: app(
        parsedHelper('parsed.data').replace(
          "throw new Error('malformed')",
          "{ console.error('malformed', parsed.error.format()); throw new Error('malformed'); }",
        ),
        exists,
      ),
      options,
    },
    { code: app(byName('username = :u'), unique('username')), options },
    {
      code: app(byName('#n = :u'), unique('username')).replace(
        "FilterExpression: '#n = :u'",
        "FilterExpression: '#n = :u', ExpressionAttributeNames: { '#n': 'username' }",
      ),
      options,
    },
    { code: app(getUser, someMissing('(u) => u === null')), options },
    { code: app(getUser, someMissing('function (u) { return !u; }')), options },
    // The index of the missing one picks the id the client sent.
    {
      code: app(
        getUser,
        `${mappedCall}\n  const missing = results.findIndex((u) => u === null);\n  if (missing >= 0) return res.status(404).json({ id: req.body.ids[missing] });\n  res.end();`,
      ),
      options,
    },
  ],
  invalid: [
    // The parsed item is sent back.
    {
      ...invalidAt(
        marked(app(parsedHelper('parsed.data'), `${settingsCall}\n  res.json(settings);`), settingsCall),
        'unscopedKey',
      ),
      options,
    },
    // The validator's error (which may quote the item's values) is sent back.
    {
      ...invalidAt(
        marked(
          app(
            parsedHelper('parsed').replace("throw new Error('malformed')", 'return parsed'),
            `${settingsCall}\n  if (settings && !settings.success) return res.json(settings.error);\n  res.end();`,
          ),
          settingsCall,
        ),
        'unscopedKey',
      ),
      options,
    },
    // Another attribute than the one the filter selected by is compared: it is the item's own.
    {
      ...invalidAt(marked(app(byName('username = :u'), unique('phone')), takenCall), 'unscopedKey'),
      options,
    },
    // A filter with alternatives selects items whose username may differ.
    {
      ...invalidAt(marked(app(byName('username = :u OR email = :u'), unique('username')), takenCall), 'unscopedKey'),
      options,
    },
    // The callback tests an attribute of each item, or the list is sent back.
    {
      ...invalidAt(marked(app(getUser, someMissing("(u) => u?.role === 'admin'")), mappedCall), 'unscopedKey'),
      options,
    },
    {
      ...invalidAt(marked(app(getUser, `${mappedCall}\n  res.json(results);`), mappedCall), 'unscopedKey'),
      options,
    },
    // The index picks an item of the list itself.
    {
      ...invalidAt(
        marked(
          app(
            getUser,
            `${mappedCall}\n  const found = results.findIndex((u) => u !== null);\n  res.json(results[found]);`,
          ),
          mappedCall,
        ),
        'unscopedKey',
      ),
      options,
    },
  ],
});
