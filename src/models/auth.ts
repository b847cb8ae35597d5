import type {
  CredentialModel,
  GatewayAuthorizerModel,
  PasswordVerifierModel,
  PrincipalCommandModel,
  SessionCheckModel,
} from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

/** Verified tokens and server-side sessions: their result is the authenticated caller. */
export const principalCalls: readonly Specifier[] = [
  { from: 'package', package: 'jsonwebtoken', name: 'verify' },
  { from: 'package', package: 'jose', name: 'jwtVerify' },
  // next-auth: v5's `auth` (also `export const { auth } = NextAuth(…)` in the app), v4's server
  // sessions, and `getSession({ req })` from next-auth/react in a pages API route; an import the
  // installed types do not declare is matched by its module and name (types.ts).
  { from: 'package', package: 'next-auth', name: ['getServerSession', 'auth'] },
  { from: 'package', package: 'next-auth/next', name: 'getServerSession' },
  { from: 'package', package: 'next-auth', name: ['unstable_getServerSession', 'getSession'] },
  // Clerk: `auth()` / `currentUser()` (app router), `getAuth(req)` (pages, tRPC contexts, Express, Fastify).
  { from: 'package', package: '@clerk/nextjs', name: ['auth', 'currentUser', 'getAuth'] },
  { from: 'package', package: '@clerk/express', name: 'getAuth' },
  { from: 'package', package: '@clerk/fastify', name: 'getAuth' },
  { from: 'package', package: 'aws-jwt-verify', name: 'verify' },
  // Cognito's GetUser with the caller's access token (SDK v2): Cognito checks the token and answers
  // with its owner (`Username`, `UserAttributes`); `.promise()` unwraps it (`principalCommands`).
  { from: 'file', path: 'aws-sdk/clients/cognitoidentityserviceprovider.d.ts', name: 'getUser' },
  // Supabase: `supabase.auth.getUser(jwt)` asks the auth server to verify the token (not
  // `getSession()`, which reads it unverified from storage).
  { from: 'package', package: '@supabase/supabase-js', name: 'getUser' },
  { from: 'package', package: '@supabase/auth-js', name: 'getUser' },
  // Auth0's Next.js SDK: the logged-in user's server-side session (`session.user.sub`), from
  // `getSession()` (v1–v3, also `@auth0/nextjs-auth0/edge`; `getSession(req, res)` in pages API routes
  // and `withApiAuthRequired` handlers) or, typed, v4's `auth0.getSession()` of its `Auth0Client`.
  // Untyped, the import is matched by its module (subpaths included) and name.
  { from: 'package', package: '@auth0/nextjs-auth0', name: 'getSession' },
  // OpenAuth: `createClient(…).verify(subjects, token)` checks the access token against the issuer's
  // keys and answers with its subject (`verified.subject.properties`) or `err`. Typed, its `Client`
  // declares `verify` in the package's client types (not the password hasher's `verify` elsewhere in
  // the package); untyped, a client built by the `/client` module's factory.
  { from: 'file', path: '@openauthjs/openauth/dist/types/client.d.ts', name: 'verify' },
  { from: 'package', package: '@openauthjs/openauth/client', name: 'verify' },
  // Firebase Admin: `getAuth().verifyIdToken(idToken)` and `verifySessionCookie(cookie)` check the
  // token's signature against Google's keys and answer with its claims (`uid`).
  { from: 'package', package: 'firebase-admin', name: ['verifyIdToken', 'verifySessionCookie'] },
  // NestJS's `JwtService` (`@nestjs/jwt`): `verify` / `verifyAsync` check the signature and answer
  // with the payload (`sub`).
  { from: 'package', package: '@nestjs/jwt', name: ['verify', 'verifyAsync'] },
  // next-auth's `getToken({ req })` decrypts the session cookie with the app's secret.
  { from: 'package', package: 'next-auth', name: 'getToken' },
  // Sealed sessions: iron-session's `getIronSession` unseals the cookie with the app's password;
  // Lucia's `validateSession` and better-auth's `auth.api.getSession` look the session token up
  // in the app's own session store and answer with its user.
  { from: 'package', package: 'iron-session', name: 'getIronSession' },
  { from: 'package', package: 'lucia', name: 'validateSession' },
  { from: 'package', package: 'better-auth', name: 'getSession' },
];

/**
 * Identity-service requests whose answer is the verified caller: Cognito's `GetUserCommand({
 * AccessToken })` sent through a client (SDK v3). `AdminGetUserCommand` is not one: its `Username`
 * is chosen by the code, not proved by a token.
 */
export const principalCommands: PrincipalCommandModel = {
  commands: [{ from: 'package', package: '@aws-sdk/client-cognito-identity-provider', name: 'GetUserCommand' }],
  sendMethods: ['send'],
  resultMethods: ['promise'],
};

/**
 * API Gateway authorizers: a Lambda authorizer that verifies the bearer token (`principalCalls`) and
 * answers with a policy lets only verified tokens reach the handlers of its package, and so does a
 * JWT or Cognito authorizer the deployment template puts on every route of a function
 * (`DeploymentModel.gateway`); the handlers often decode the same `Authorization` header again
 * (`jwt.decode`, `jwt-decode`) to read the caller.
 */
export const gatewayAuthorizers: GatewayAuthorizerModel = {
  resultMembers: ['policyDocument', 'isAuthorized'],
  decoders: [
    { from: 'package', package: 'jsonwebtoken', name: 'decode' },
    { from: 'package', package: 'jose', name: 'decodeJwt' },
    // jwt-decode's default export, by the names it is usually imported as (v3 default, v4 named).
    { from: 'package', package: 'jwt-decode', name: ['default', 'jwtDecode', 'jwt_decode'] },
  ],
  headers: ['authorization'],
};

/**
 * Library functions whose result carries their arguments: `marshall` and `unmarshall`, `plainToInstance`, and
 * `jwt.decode`, which does not check the signature, so a decoded client token is still request data.
 */
export const propagators: readonly Specifier[] = [
  {
    from: 'package',
    package: '@aws-sdk/util-dynamodb',
    name: ['marshall', 'convertToAttr', 'unmarshall', 'convertToNative'],
  },
  { from: 'package', package: 'jsonwebtoken', name: 'decode' },
  { from: 'package', package: 'jose', name: 'decodeJwt' },
  // A DTO instance built from request data is still request data (class-validator checks it).
  { from: 'package', package: 'class-transformer', name: ['plainToInstance', 'plainToClass'] },
];

/**
 * Words that name an administrative role when a check on the principal tests them (SPEC §4,
 * privileged access): `user.isAdmin`, `user.role !== 'admin'`, `groups.includes('Managers')`,
 * `is_manager`. Compared as words of the tested name or constant, singular.
 */
export const privilegedRoles: readonly string[] = [
  'admin',
  'administrator',
  'superadmin',
  'sysadmin',
  'superuser',
  'root',
  'manager',
  'staff',
  'moderator',
];

/**
 * Password verifiers and where they take the stored hash: a read whose item's hash they check is a
 * login lookup (the client names the account it then proves it owns), not access to someone's data.
 */
const passwordVerifiers: readonly PasswordVerifierModel[] = [
  ...['bcrypt', 'bcryptjs', '@node-rs/bcrypt'].map((pkg) => ({
    callee: { from: 'package' as const, package: pkg, name: ['compare', 'compareSync'] },
    hash: 1,
  })),
  ...['argon2', '@node-rs/argon2'].map((pkg) => ({
    callee: { from: 'package' as const, package: pkg, name: ['verify', 'verifySync'] },
    hash: 0,
  })),
  // A login that hashes the given password itself and compares the digest with the stored hash
  // (`createHash('sha1').update(password + salt).digest('hex') !== user.password`, or by
  // `timingSafeEqual`; `scrypt` and `pbkdf2` through `promisify`). Node's `crypto`
  // by its types, or by the import's module where the program has none of Node's types.
  ...['node', 'crypto', 'node:crypto'].map((pkg) => ({
    callee: {
      from: 'package' as const,
      package: pkg,
      name: ['createHash', 'createHmac', 'pbkdf2Sync', 'scryptSync', 'pbkdf2', 'scrypt'],
    },
    hash: -1,
    digest: true as const,
  })),
  {
    callee: {
      from: 'package',
      package: 'crypto-js',
      name: ['MD5', 'SHA1', 'SHA256', 'SHA512', 'HmacSHA256', 'PBKDF2'],
    },
    hash: -1,
    digest: true,
  },
  // Sign-in through Cognito, which checks the password (`USER_PASSWORD_AUTH`,
  // `ADMIN_USER_PASSWORD_AUTH`): SDK v3's commands, and v2's methods (typed, or by the module of the import).
  ...[
    {
      from: 'package' as const,
      package: '@aws-sdk/client-cognito-identity-provider',
      name: ['InitiateAuthCommand', 'AdminInitiateAuthCommand'],
    },
    {
      from: 'file' as const,
      path: 'aws-sdk/clients/cognitoidentityserviceprovider.d.ts',
      name: ['initiateAuth', 'adminInitiateAuth'],
    },
  ].map((callee) => ({
    callee,
    hash: 0,
    signIn: { account: ['AuthParameters', 'USERNAME'], password: ['AuthParameters', 'PASSWORD'] },
  })),
];

/**
 * Logins: the verifiers above, and the words of a secret's name. An app that checks passwords or
 * API keys itself (`encrypt(req.body.password) === user.password`, a `checkPassword` helper that
 * re-encrypts and compares, `headers['x-api-key'] !== account.apiKey`) names both sides so; a
 * client value or an attribute named otherwise is no secret.
 */
export const credentials: CredentialModel = {
  verifiers: passwordVerifiers,
  secretWords: [
    'password',
    'passwd',
    'pwd',
    'passcode',
    'passphrase',
    'api key',
    'apikey',
    'api secret',
    'client secret',
  ],
};

/**
 * Session checks: a stored secret the client presents again on each request. The words of a login
 * secret, those of a token or session a login handed out (`sessions[].token`, `sessionId`), and
 * those of a one-time code mailed to the client (`otp`, `resetCode`, `pin`), which an e-mail
 * verification compares the same way (`engine/evidence/credential-reads.ts`).
 */
export const sessionChecks: SessionCheckModel = {
  secretWords: [...credentials.secretWords, 'token', 'session', 'secret', 'otp', 'code', 'pin'],
  comparators: ['node', 'crypto', 'node:crypto'].map((pkg) => ({
    from: 'package' as const,
    package: pkg,
    name: 'timingSafeEqual',
  })),
};
