import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Callback-style logins (fresh-d C3): the item a callback-style read hands its callback (`query(params,
 * (err, out) => …)`) is the read's item, so comparing its password hash with the request's password
 * (`bcrypt.compareSync`, or `bcrypt.compare` with a callback) makes the read a login lookup, which
 * `recommended` drops. The look-alikes compare a hash the client sent.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (body: string) => `import express from 'express';
import AWS from 'aws-sdk';
import bcrypt from 'bcryptjs';
declare function sign(claims: object): string;
const ddb = new AWS.DynamoDB.DocumentClient();
const app = express();
app.put('/users/me', (req, res) => {
  const me = (req as unknown as { user: { sub: string } }).user.sub;
  ddb.put({ TableName: 'Users', Item: { userId: me, email: String(req.body.email), password: String(req.body.hash) } }, () => res.sendStatus(204));
});
app.post('/login', (req, res) => {
${body}
});`;

const query = `  ddb.query({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': String(req.body.email) } }, (err, out) => {`;

// The read's callback checks the item's hash synchronously.
const callbackCompareSync = (hash: string) =>
  app(`${query}
    if (err || !out.Items?.length) return res.sendStatus(401);
    const ok = bcrypt.compareSync(String(req.body.password), ${hash});
    if (!ok) return res.sendStatus(401);
    res.json({ token: sign({ id: out.Items[0]!.userId }) });
  });`);

// Both callback-style: the read's callback, then the compare's.
const callbackCompareCallback = (hash: string) =>
  app(`${query}
    if (err || !out.Items?.length) return res.sendStatus(401);
    const user = out.Items[0]!;
    bcrypt.compare(String(req.body.password), ${hash}, (failed, ok) => {
      if (failed || !ok) return res.sendStatus(401);
      res.json({ token: sign({ id: user.userId }) });
    });
  });`);

const options = [{ evidence: 'required' }] as const;
const marked = (code: string) => code.replace(query, `${query} // ✗`);

ruleTester.run('no-unscoped-key (callback-style logins)', noUnscopedKey, {
  valid: [
    { code: callbackCompareSync('String(out.Items[0]!.password)'), options },
    { code: callbackCompareCallback('String(user.password)'), options },
  ],
  invalid: [
    // The hash compared is the client's, not the item's: nothing proves the caller owns the account.
    { ...invalidAt(marked(callbackCompareSync('String(req.body.hash)')), 'unscopedKey'), options },
    { ...invalidAt(marked(callbackCompareCallback('String(req.body.hash)')), 'unscopedKey'), options },
  ],
});
