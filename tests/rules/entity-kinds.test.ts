import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §5, how entities are told apart and what they hold, in `recommended`:
 * - an attribute written from a password-hashing call (`AccessKey: await bcrypt.hash(key, 12)`)
 *   holds a credential whatever it is named, so the items are someone's, not everyone's.
 */
const ruleTester = createRuleTesterWithTypes();

const accounts = (secret: string) =>
  `${expressHeader}import bcrypt from 'bcrypt';
app.post('/register', async (req, res) => {
  const apiKey = crypto.randomUUID();
  await ddb.send(new PutCommand({ TableName: 'GraphQLData', Item: { AccessID: crypto.randomUUID(), AccessKey: ${secret}, Data: {} } }));
  res.json({ apiKey, who: req.user?.sub });
});
app.post('/data', async (req, res) => {
  await ddb.send(new UpdateCommand({ TableName: 'GraphQLData', Key: { AccessID: String(req.body.AccessID) }, UpdateExpression: 'SET Stats = :v', ExpressionAttributeValues: { ':v': req.body.stats } })); // ✗
  res.sendStatus(204);
});`;

ruleTester.run('no-unscoped-key (entity kinds and what they hold)', noUnscopedKey, {
  valid: [
    // The same attribute written from a random value: nothing says it is a secret; written with no owner, shared.
    accounts('crypto.randomUUID()').replace(' // ✗', ''),
    // A `.then` that makes something else of the hash is not followed.
    accounts('await bcrypt.hash(apiKey, 12).then((h: string) => h.length)').replace(' // ✗', ''),
  ],
  invalid: [
    invalidAt(accounts('await bcrypt.hash(apiKey, 12)'), 'unscopedKey'),
    // Through the promise's own methods: `.then((h) => h).catch(…)` still settles to the hash.
    invalidAt(accounts('await bcrypt.hash(apiKey, 12).then((h: string) => h).catch(() => "")'), 'unscopedKey'),
    invalidAt(
      accounts('hashed').replace(
        'const apiKey = crypto.randomUUID();',
        'const apiKey = crypto.randomUUID();\n  const hashed = bcrypt.hashSync(apiKey, 10);',
      ),
      'unscopedKey',
    ),
  ],
});
