import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { signinRead, signinRoute } from './login-cases.js';

/**
 * Logins whose password the identity provider checks (fresh-g C3): reading the user row by the
 * submitted email and sending the same email as `AuthParameters.USERNAME`, with the password, to
 * Cognito's `InitiateAuth`/`AdminInitiateAuth` (SDK v3 commands, v2 methods, also through a
 * service method) is a login lookup, like a `bcrypt.compare` of the item's hash; `recommended`
 * drops it. The look-alikes sign in another account name, or send no password.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (login: string) => `import express from 'express';
import AWS from 'aws-sdk';
import jwt from 'jsonwebtoken';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
const doc = new AWS.DynamoDB.DocumentClient();
const cognito = new AWS.CognitoIdentityServiceProvider({ region: 'us-east-1' });
const idp = new CognitoIdentityProviderClient({});
const app = express();
class Auth {
  async signIn(username: string, password: string) {
    return cognito.adminInitiateAuth({ AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', UserPoolId: 'p', ClientId: 'c', AuthParameters: { USERNAME: username, PASSWORD: password } }).promise();
  }
}
const auth = new Auth();
app.get('/me', async (req, res) => {
  const me = jwt.verify(String(req.headers.authorization), 's') as { email: string };
  const r = await doc.get({ TableName: 'Users', Key: { email: me.email } }).promise();
  res.json({ name: r.Item?.name });
});
${signinRoute(login, 'name: found.Item.name')}`;

const marked = (code: string) => code.replace(signinRead, `${signinRead} // ✗`);
const options = [{ evidence: 'required' }] as const;

const v3 = (parameters: string) =>
  app(
    `  const out = await idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: ${parameters} }));`,
  );
const v2 = (parameters: string) =>
  app(
    `  const out = await cognito.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: ${parameters} }).promise();`,
  );

ruleTester.run('no-unscoped-key (identity provider sign-ins)', noUnscopedKey, {
  valid: [
    { code: v3('{ USERNAME: email, PASSWORD: password }'), options },
    { code: v2('{ USERNAME: email, PASSWORD: password }'), options },
    // Through a service method that sends its parameter as the account name.
    { code: app(`  const out = await auth.signIn(email, password);`), options },
  ],
  invalid: [
    // Another account name is signed in: nothing proves the caller owns the one read.
    { ...invalidAt(marked(v3('{ USERNAME: String(req.body.other), PASSWORD: password }')), 'unscopedKey'), options },
    {
      ...invalidAt(marked(app(`  const out = await auth.signIn(String(req.body.other), password);`)), 'unscopedKey'),
      options,
    },
    // No password: a refresh or custom flow proves nothing about the account.
    { ...invalidAt(marked(v2('{ USERNAME: email, REFRESH_TOKEN: String(req.body.token) }')), 'unscopedKey'), options },
    // Strict (an audit) reports the lookup.
    {
      ...invalidAt(marked(v3('{ USERNAME: email, PASSWORD: password }')), 'unscopedKey'),
      options: [{ evidence: 'none' }] as const,
    },
  ],
});
