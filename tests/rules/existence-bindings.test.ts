import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * An existence check is decided by the item's variable, not by its name (fresh-m E): a callback
 * parameter of the same name (`.find((school) => school.id == schoolId)` beside `const school`) is
 * another variable, so its uses are not uses of the item. The look-alike reads the item itself
 * inside the callback and stays reported. Reading back the item's own key attribute (`school.id`
 * of a read by `schoolId`) tells only what selected it, unless it keys a change of the item found;
 * any other attribute is the item's own.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (body: string) => `import express from 'express';
import AWS from 'aws-sdk';
const doc = new AWS.DynamoDB.DocumentClient();
const app = express();
app.post('/schools/:schoolId/subscribe', async (req, res) => {
  const schoolId = String(req.params.schoolId);
  const school = (await doc.get({ TableName: 'Schools', Key: { id: schoolId } }).promise()).Item;
  if (!school) return res.status(404).end();
  const subscribed: { id: string; name: string }[] = [];
${body}
  res.end();
});`;

const read = "  const school = (await doc.get({ TableName: 'Schools', Key: { id: schoolId } }).promise()).Item;";
const options = [{ evidence: 'required' }] as const;

ruleTester.run('no-unscoped-key (existence checks by binding)', noUnscopedKey, {
  valid: [
    // The callback's own `school` is an entry of the list, not the item read.
    { code: app('  if (subscribed.find((school) => school.id == schoolId)) return res.status(409).end();'), options },
    {
      code: app(
        '  const names = subscribed.map(function (school) { return school.name; });\n  if (names.length > 3) return res.status(409).end();',
      ),
      options,
    },
    // Its key attribute holds the id the client sent: nothing of the item leaves with it.
    { code: app('  subscribed.push({ id: school.id, name: String(req.body.name) });'), options },
  ],
  invalid: [
    // The key attribute read back keys a delete of the item found: the read is the lookup of that act.
    {
      ...invalidAt(
        app("  await doc.delete({ TableName: 'Schools', Key: { id: school.id } }).promise();").replace(
          read,
          `${read} // ✗`,
        ),
        'unscopedKey',
      ),
      options,
    },
    // Any other attribute is the item's own.
    {
      ...invalidAt(
        app('  subscribed.push({ id: school.id, name: school.name });').replace(read, `${read} // ✗`),
        'unscopedKey',
      ),
      options,
    },
    // The callback reads the item itself: its name leaves the handler's test.
    {
      ...invalidAt(
        app('  if (subscribed.find((entry) => entry.name == school.name)) return res.status(409).end();').replace(
          read,
          `${read} // ✗`,
        ),
        'unscopedKey',
      ),
      options,
    },
    // A shadowing parameter inside does not hide the item sent outside.
    {
      ...invalidAt(
        app('  if (subscribed.find((school) => school.id == schoolId)) return res.json(school);').replace(
          read,
          `${read} // ✗`,
        ),
        'unscopedKey',
      ),
      options,
    },
  ],
});
