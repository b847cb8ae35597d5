import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * A caller Cognito verified (SPEC §4 principals): the answer of `GetUserCommand({ AccessToken })`
 * (SDK v3, sent through a client) or `getUser({ AccessToken }).promise()` (SDK v2) names the owner
 * of the token, so its `Username` and `UserAttributes` are the caller, and a user row read by one of
 * them is the caller's own record (read-check-act). `AdminGetUserCommand({ Username })` is not: the
 * code chooses whom it looks up.
 */
const ruleTester = createRuleTesterWithTypes();
const audit: [{ evidence: 'none' }] = [{ evidence: 'none' }];

// The Cognito SDK's types are not installed here: the command is matched by its import.
const header = `import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { CognitoIdentityProviderClient, GetUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const cognito = new CognitoIdentityProviderClient({});
const bearer = (event: APIGatewayProxyEventV2) => event.headers.authorization?.split('Bearer ')[1];
`;
const v3 = (authenticate: string, body: string) => `${header}${authenticate}
${body}`;

const byUsername = `async function authenticate(event: APIGatewayProxyEventV2): Promise<string> {
  const out = await cognito.send(new GetUserCommand({ AccessToken: bearer(event) }));
  return out.Username!;
}`;
const getUserChecked = `export const getUser = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await authenticate(event);
  const username = event.pathParameters?.id;
  if (username !== me) return { statusCode: 403 };
  const res = await doc.send(new GetCommand({ TableName: 'users', Key: { username } }));
  return { statusCode: 200, body: JSON.stringify({ name: res.Item?.name }) };
};`;

// The caller's user row, read by the email attribute Cognito returns, stands for the caller.
const byEmailRow = `async function authenticate(event: APIGatewayProxyEventV2) {
  const { UserAttributes } = await cognito.send(new GetUserCommand({ AccessToken: bearer(event) }));
  const [{ Value: email }] = UserAttributes!.filter((attr) => attr.Name === 'email');
  const row = await doc.send(new GetCommand({ TableName: 'users', Key: { username: email } }));
  return { username: row.Item!.username as string, cars: row.Item!.cars as string[] };
}`;
const deleteBookingChecked = `export const deleteBooking = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await authenticate(event);
  const { username, carId } = event.queryStringParameters ?? {};
  if (username !== me.username) return { statusCode: 403 };
  await doc.send(new DeleteCommand({ TableName: 'bookings', Key: { username, carId } }));
  return { statusCode: 204 };
};`;

ruleTester.run('no-unscoped-key (a caller Cognito verified)', rule, {
  valid: [
    // SDK v3: an ownership check against GetUser's Username.
    { code: v3(byUsername, getUserChecked) },
    { code: v3(byUsername, getUserChecked), options: audit },
    // The caller as the partition key.
    {
      code: v3(
        byUsername,
        `export const deleteBooking = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await authenticate(event);
  await doc.send(new DeleteCommand({ TableName: 'bookings', Key: { username: me, carId: event.queryStringParameters?.carId } }));
  return { statusCode: 204 };
};`,
      ),
      options: audit,
    },
    // The command held by a constant first.
    {
      code: v3(
        `async function authenticate(event: APIGatewayProxyEventV2): Promise<string> {
  const command = new GetUserCommand({ AccessToken: bearer(event) });
  const { Username } = await cognito.send(command);
  return Username!;
}`,
        getUserChecked,
      ),
      options: audit,
    },
    // The email attribute, then the caller's own user row: its username is the caller's.
    { code: v3(byEmailRow, deleteBookingChecked), options: audit },
    { code: v3(byEmailRow, deleteBookingChecked) },
    // SDK v2: getUser(...).promise().
    {
      code: `import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import AWS from 'aws-sdk';
const doc = new AWS.DynamoDB.DocumentClient();
const provider = new AWS.CognitoIdentityServiceProvider();
export const getUser = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await provider.getUser({ AccessToken: event.headers.authorization ?? '' }).promise();
  const username = event.pathParameters?.id;
  if (username !== me.Username) return { statusCode: 403 };
  const res = await doc.get({ TableName: 'users', Key: { username } }).promise();
  return { statusCode: 200, body: JSON.stringify({ name: res.Item?.name }) };
};`,
      options: audit,
    },
    // A service's class field checks against the caller's row its only caller passes.
    {
      code: v3(
        byEmailRow,
        `class Repository {
  removeOne = async ({ username, carId }: { username?: string; carId?: string }) => {
    await doc.send(new DeleteCommand({ TableName: 'bookings', Key: { username, carId } }));
  };
}
const repository = new Repository();
class Bookings {
  remove = async (me: { username: string }, whose: string | undefined, carId: string | undefined) => {
    if (whose !== me.username) return new Error('not yours');
    await repository.removeOne({ username: whose, carId });
    return true;
  };
}
const bookings = new Bookings();
export const deleteBooking = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await authenticate(event);
  const { username, carId } = event.queryStringParameters ?? {};
  await bookings.remove(me, username, carId);
  return { statusCode: 204 };
};`,
      ),
    },
    // A key taken from the caller's own row.
    {
      code: v3(
        byEmailRow,
        `export const myBooking = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await authenticate(event);
  const res = await doc.send(new GetCommand({ TableName: 'bookings', Key: { username: me.username, carId: event.queryStringParameters?.carId } }));
  return { statusCode: 200, body: JSON.stringify({ at: res.Item?.at }) };
};`,
      ),
      options: audit,
    },
  ],
  invalid: [
    // AdminGetUser looks up whom the code names: its answer is not the caller.
    invalidAt(
      v3(
        `async function authenticate(event: APIGatewayProxyEventV2): Promise<string> {
  const out = await cognito.send(new AdminGetUserCommand({ UserPoolId: 'pool', Username: event.headers['x-user'] }));
  return out.Username!;
}`,
        `export const getUser = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await authenticate(event);
  const username = event.pathParameters?.id;
  if (username !== me) return { statusCode: 403 };
  const res = await doc.send(new GetCommand({ TableName: 'users', Key: { username } })); // ✗
  return { statusCode: 200, body: JSON.stringify({ email: res.Item?.email }) };
};`,
      ),
      'unscopedKey',
    ),
    // A verified caller, but the key is the client's choice and nothing compares it.
    invalidAt(
      v3(
        byUsername,
        `export const getUser = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await authenticate(event);
  const username = event.pathParameters?.id;
  if (!me) return { statusCode: 401 };
  const res = await doc.send(new GetCommand({ TableName: 'users', Key: { username } })); // ✗
  return { statusCode: 200, body: JSON.stringify({ email: res.Item?.email }) };
};`,
      ),
      'unscopedKey',
    ),
    // A booking of whoever the query names, with no comparison to the caller's row.
    invalidAt(
      v3(
        byEmailRow,
        `export const deleteBooking = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await authenticate(event);
  const { username, carId } = event.queryStringParameters ?? {};
  if (!me.cars.length) return { statusCode: 403 };
  await doc.send(new DeleteCommand({ TableName: 'bookings', Key: { username, carId } })); // ✗✗
  return { statusCode: 204 };
};`,
      ),
      'unscopedKey',
    ),
    // One caller passes a record the client names: the check no longer compares with the caller.
    invalidAt(
      v3(
        byEmailRow,
        `class Repository {
  removeOne = async ({ username, carId }: { username?: string; carId?: string }) => {
    await doc.send(new DeleteCommand({ TableName: 'bookings', Key: { username, carId } }));
  };
}
const repository = new Repository();
class Bookings {
  remove = async (me: { username: string }, whose: string | undefined, carId: string | undefined) => {
    if (whose !== me.username) return new Error('not yours');
    await repository.removeOne({ username: whose, carId });
    return true;
  };
}
const bookings = new Bookings();
export const deleteBooking = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const me = await authenticate(event);
  const { username, carId } = event.queryStringParameters ?? {};
  await bookings.remove(me, username, carId);
  return { statusCode: 204 };
};
export const deleteAs = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const { username, carId } = event.queryStringParameters ?? {};
  await bookings.remove({ username: event.headers['x-user'] ?? '' }, username, carId); // ✗✗
  return { statusCode: 204 };
};`,
      ),
      'unscopedKey',
    ),
  ],
});
