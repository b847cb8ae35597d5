import type { CallbackRunnerModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

/**
 * Amplify v6's server-side auth (`aws-amplify/auth/server`): `fetchAuthSession(contextSpec)`,
 * `getCurrentUser(contextSpec)` and `fetchUserAttributes(contextSpec)` answer with the signed-in
 * user of the server context they are given, whose tokens the Next.js adapter verifies against the
 * user pool when it reads them from the request's cookies. The browser's functions of the same
 * names (`aws-amplify/auth`) read what the client holds and are no proof. Untyped, the import is
 * matched by its module; typed, the server variants are declared in files of their own.
 */
const SERVER_AUTH = ['fetchAuthSession', 'getCurrentUser', 'fetchUserAttributes'];
export const amplifyServerPrincipalCalls: readonly Specifier[] = [
  { from: 'package', package: 'aws-amplify/auth/server', name: SERVER_AUTH },
  { from: 'package', package: '@aws-amplify/auth/server', name: SERVER_AUTH },
  {
    from: 'file',
    path: '@aws-amplify/core/dist/esm/singleton/apis/server/fetchAuthSession.d.ts',
    name: 'fetchAuthSession',
  },
  ...['getCurrentUser', 'fetchUserAttributes'].map((name) => ({
    from: 'file' as const,
    path: `@aws-amplify/auth/dist/esm/providers/cognito/apis/server/${name}.d.ts`,
    name,
  })),
];

/**
 * `const { runWithAmplifyServerContext } = createServerRunner({ config })` of the Next.js adapter:
 * `runWithAmplifyServerContext({ nextServerContext, operation })` runs `operation` with the server
 * context of the request's cookies and answers with what it returns.
 */
export const amplifyNextServerRunner: CallbackRunnerModel = {
  callee: { from: 'package', package: '@aws-amplify/adapter-nextjs', name: 'runWithAmplifyServerContext' },
  argument: 0,
  property: 'operation',
};
