import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportsWithRootProject, temporaryRootProject } from '../root-project.js';

/**
 * A bearer token the gateway verified before the function ran: every HTTP route of the function is
 * behind a JWT (Cognito issuer) or Cognito user-pool authorizer of the `Authorization` header, as
 * the Serverless config (`serverless.yml`, or `serverless.ts` exporting the same object) declares.
 * A handler that decodes that header again (`jwt-decode`, no signature check) reads the caller, so
 * an item whose partition is the decoded `sub` is the caller's, whatever the sort key holds. A route
 * with no authorizer, a token from another header and a key chosen by a client header stay reported.
 */
const { root, write } = temporaryRootProject('gateway-route-authorizers-');

const handlers = (tokenHeader = 'authorization') => `import jwt_decode from 'jwt-decode';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.PROMPT_TABLE as string;
const userIdFromToken = (event: APIGatewayProxyEventV2): string => {
  const { sub } = jwt_decode(event.headers['${tokenHeader}'] as string) as { sub: string };
  if (!sub) throw new Error('Invalid token');
  return sub;
};
const workspaceFromHeader = (event: APIGatewayProxyEventV2): string => {
  const ws = event.headers['mex-workspace-id'];
  if (!ws) throw new Error('mex-workspace-id header is required');
  return ws;
};
export const getUserAuth = async (event: APIGatewayProxyEventV2) => {
  const userId = userIdFromToken(event);
  const workspaceId = workspaceFromHeader(event);
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { userId, workspaceId } }));
  return { statusCode: 200, body: JSON.stringify({ usage: Item?.usage }) };
};
export const setUserAuth = async (event: APIGatewayProxyEventV2) => {
  const userId = userIdFromToken(event);
  const workspaceId = workspaceFromHeader(event);
  const { accessToken } = JSON.parse(event.body ?? '{}') as { accessToken: string };
  await doc.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { userId, workspaceId },
      UpdateExpression: 'SET #auth = :auth',
      ExpressionAttributeNames: { '#auth': 'auth' },
      ExpressionAttributeValues: { ':auth': { accessToken } },
    }),
  );
  return { statusCode: 204 };
};
export const getWorkspaceNote = async (event: APIGatewayProxyEventV2) => {
  userIdFromToken(event);
  const workspaceId = workspaceFromHeader(event);
  const { Item } = await doc.send(
    new GetCommand({ TableName: 'Notes', Key: { workspaceId, noteId: event.pathParameters?.id } }),
  );
  return { statusCode: 200, body: JSON.stringify({ text: Item?.text }) };
};
`;

/** The Serverless TypeScript template: a base config merged with the service's, functions from `src/index.ts`. */
const base = `import type { AWS } from '@serverless/typescript';
export const base: Partial<AWS> = {
  provider: {
    name: 'aws',
    httpApi: {
      authorizers: {
        cognito: {
          identitySource: '$request.header.Authorization',
          issuerUrl: 'https://cognito-idp.' + '\${self:provider.region}' + '.amazonaws.com/' + '\${self:custom.pool}',
          audience: ['\${self:custom.client}'],
        },
      },
    },
  },
};
`;
const serviceConfig = `import merge from 'deepmerge';
import { base } from '../serverless.base';
import functions from './src';
const own = { service: 'prompts', functions };
const configuration = <Record<string, unknown>>merge(base, own);
module.exports = configuration;
`;
const functionsIndex = (
  publicRoute: boolean,
) => `const handlerPath = (context: string) => context.split(process.cwd())[1].substring(1);
const route = (method: string, path: string) => ({ httpApi: { method, path, authorizer: 'cognito' } });
const getUserAuth = {
  handler: \`\${handlerPath(__dirname)}/handler.getUserAuth\`,
  events: [
    { httpApi: { method: 'GET', path: '/userAuth', authorizer: { name: 'cognito' } } },
    ${publicRoute ? "{ httpApi: { method: 'GET', path: '/public' } }," : ''}
  ],
};
const setUserAuth = { handler: \`\${handlerPath(__dirname)}/handler.setUserAuth\`, events: [{ httpApi: { method: 'POST', path: '/userAuth', authorizer: 'cognito' } }] };
export default { getUserAuth, setUserAuth };
`;
const functionsPackage = (name: string) => `{ "name": "${name}", "dependencies": { "jwt-decode": "^3.1.2" } }`;

// A TypeScript Serverless config, every route behind the Cognito JWT authorizer.
write('ts-config/serverless.base.ts', base);
write('ts-config/prompts/package.json', functionsPackage('prompts'));
write('ts-config/prompts/serverless.ts', serviceConfig);
write('ts-config/prompts/src/index.ts', functionsIndex(false));
write('ts-config/prompts/src/handler.ts', handlers());

// The same, with a public route on the function that serves getUserAuth.
write('ts-public/serverless.base.ts', base);
write('ts-public/prompts/package.json', functionsPackage('prompts-public'));
write('ts-public/prompts/serverless.ts', serviceConfig);
write('ts-public/prompts/src/index.ts', functionsIndex(true));
write('ts-public/prompts/src/handler.ts', handlers());

// serverless.yml: an HTTP API JWT authorizer by name, and a REST route with a Cognito user-pool authorizer.
const yaml = (authorizer: string) => `service: prompts
provider:
  name: aws
  httpApi:
    authorizers:
      cognito:
        type: jwt
        identitySource: $request.header.Authorization
        issuerUrl: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc
        audience: [abc]
functions:
  getUserAuth:
    handler: src/handler.getUserAuth
    events:
      - httpApi:
          method: GET
          path: /userAuth
          ${authorizer}
  setUserAuth:
    handler: src/handler.setUserAuth
    events:
      - http:
          method: POST
          path: /userAuth
          authorizer:
            type: COGNITO_USER_POOLS
            arn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc
`;
write('yml/package.json', functionsPackage('yml'));
write('yml/serverless.yml', yaml('authorizer:\n            name: cognito'));
write('yml/src/handler.ts', handlers());
// A route whose authorizer is a Lambda function (not a token authorizer the template describes).
write('yml-lambda/package.json', functionsPackage('yml-lambda'));
write('yml-lambda/serverless.yml', yaml('authorizer: customAuthorizerFunction'));
write('yml-lambda/src/handler.ts', handlers());

// The token read by a library helper whose parameter is untyped (an nx lib shared by services):
// judged by the handlers' files its callers pass the event from.
const library = `import jwt_decode from 'jwt-decode';
export const userIdFromToken = (event: any): string => (jwt_decode(event.headers.authorization) as { sub: string }).sub;
`;
const throughLibrary = (source: string) =>
  source
    .replace("import jwt_decode from 'jwt-decode';", "import { userIdFromToken } from '../../libs/token';")
    .replace(/const userIdFromToken = [\s\S]*?\n};\n/, '');
write('lib-config/libs/token.ts', library);
write('lib-config/serverless.base.ts', base);
write('lib-config/prompts/package.json', functionsPackage('lib-prompts'));
write('lib-config/prompts/serverless.ts', serviceConfig);
write('lib-config/prompts/src/index.ts', functionsIndex(false));
write('lib-config/prompts/src/handler.ts', throughLibrary(handlers()));
// The same library also serving a service whose function has a public route: one decoding, for both.
write('lib-public/libs/token.ts', library);
write('lib-public/serverless.base.ts', base);
for (const [service, open] of [
  ['prompts', false],
  ['notes', true],
] as const) {
  write(`lib-public/${service}/package.json`, functionsPackage(`lib-${service}`));
  write(`lib-public/${service}/serverless.ts`, serviceConfig);
  write(`lib-public/${service}/src/index.ts`, functionsIndex(open));
  write(`lib-public/${service}/src/handler.ts`, throughLibrary(handlers()));
}

// Every route behind the authorizer, but a load balancer or a function URL also invokes a function.
write('yml-alb/package.json', functionsPackage('yml-alb'));
write(
  'yml-alb/serverless.yml',
  `${yaml('authorizer:\n            name: cognito')}      - alb:
          listenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/prompts/abc/def
          priority: 1
          conditions:
            path: /userAuth
`,
);
write('yml-alb/src/handler.ts', handlers());
write('yml-url/package.json', functionsPackage('yml-url'));
write(
  'yml-url/serverless.yml',
  yaml('authorizer:\n            name: cognito').replace(
    '    handler: src/handler.getUserAuth\n',
    '    handler: src/handler.getUserAuth\n    url: true\n',
  ),
);
write('yml-url/src/handler.ts', handlers());

// No deployment config at all.
write('none/package.json', functionsPackage('none'));
write('none/src/handler.ts', handlers());

// Every route protected, but the token decoded is read from another header than the one the gateway verified.
write('other-header/package.json', functionsPackage('other-header'));
write('other-header/serverless.yml', yaml('authorizer:\n            name: cognito'));
write('other-header/src/handler.ts', handlers('x-id-token'));

const unscoped = async (file: string) =>
  (await reportsWithRootProject(root, path.join(root, file), 'recommended')).filter((line) =>
    line.endsWith('no-unscoped-key'),
  );
/** getUserAuth's and setUserAuth's keys: the decoded `sub`, then the workspace header. */
const keyedByCaller = ['20 dynamodb-security/no-unscoped-key', '30 dynamodb-security/no-unscoped-key'];
/** getWorkspaceNote's key: the workspace header and a path id (two positions). */
const keyedByWorkspace = ['42 dynamodb-security/no-unscoped-key', '42 dynamodb-security/no-unscoped-key'];

describe('tokens the gateway verified on every route of the function (deployment template)', () => {
  it('reads the caller from a decoded token under a serverless.ts JWT authorizer', async () => {
    expect(await unscoped('ts-config/prompts/src/handler.ts')).toEqual(keyedByWorkspace);
  });

  it('reads the caller under serverless.yml JWT and Cognito user-pool authorizers', async () => {
    expect(await unscoped('yml/src/handler.ts')).toEqual(keyedByWorkspace);
  });

  it("follows a library helper's parameter to the handlers that pass it the event", async () => {
    const shifted = (line: string) => line.replace(/^\d+/, (n) => String(Number(n) - 5));
    expect(await unscoped('lib-config/prompts/src/handler.ts')).toEqual(keyedByWorkspace.map(shifted));
    // One service's public route reaches the same decoding: it reads request data for every caller.
    expect(await unscoped('lib-public/prompts/src/handler.ts')).toEqual(
      [...keyedByCaller, ...keyedByWorkspace].map(shifted),
    );
  });

  it('keeps the decoded token request data when a route of the function has no token authorizer', async () => {
    // getUserAuth's function also serves a public route, and it runs the whole file: a request
    // reaching any of its code may carry an unverified token.
    expect(await unscoped('ts-public/prompts/src/handler.ts')).toEqual([...keyedByCaller, ...keyedByWorkspace]);
    // getUserAuth's route names a Lambda authorizer, which the template does not describe.
    expect(await unscoped('yml-lambda/src/handler.ts')).toEqual([...keyedByCaller, ...keyedByWorkspace]);
    expect(await unscoped('yml-alb/src/handler.ts')).toEqual([...keyedByCaller, ...keyedByWorkspace]);
    expect(await unscoped('yml-url/src/handler.ts')).toEqual([...keyedByCaller, ...keyedByWorkspace]);
    expect(await unscoped('none/src/handler.ts')).toEqual([...keyedByCaller, ...keyedByWorkspace]);
  });

  it('keeps a token read from another header request data', async () => {
    expect(await unscoped('other-header/src/handler.ts')).toEqual([...keyedByCaller, ...keyedByWorkspace]);
  });
});
