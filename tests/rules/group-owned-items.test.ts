import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Items whose only recorded owner is the caller's group (`tenant: claims['custom:tenant']`, no
 * member's id beside it) are the group's own business records: read under the caller's group
 * and returned whole to a member, they are reported only for what even an owner must not see,
 * as the caller's own item is; a note of who created one (`createdBy`) names a colleague who did
 * the work. Items that also record a member as their owner (`ownerId: claims.sub`) stay
 * colleagues' items, and the group's users stay principal records. An owner may see where their
 * own item is in its life (`isDeleted`), not the operator's judgements of it (`riskScore`).
 */
const ruleTester = createRuleTesterWithTypes();

const app = (written: string, table = 'Contractors') => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const tenantOf = (event: APIGatewayProxyEvent) => String(event.requestContext.authorizer?.claims['custom:tenant']);
export const create = async (event: APIGatewayProxyEvent) => {
  const body = JSON.parse(event.body ?? '{}');
  await ddb.send(new PutCommand({ TableName: '${table}', Item: { tenant: tenantOf(event), contractorId: crypto.randomUUID(), ${written} } }));
  return { statusCode: 204, body: '' };
};
export const list = async (event: APIGatewayProxyEvent) => {
  const out = await ddb.send(new QueryCommand({ TableName: '${table}', KeyConditionExpression: 'tenant = :t', ExpressionAttributeValues: { ':t': tenantOf(event) } }));
  return { statusCode: 200, body: JSON.stringify(out.Items) };
};`;
const marked = (code: string) =>
  code.replace('body: JSON.stringify(out.Items) };', 'body: JSON.stringify(out.Items) }; // ✗');

const own = (flag: string) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const archive = async (event: APIGatewayProxyEvent) => {
  const sub = String(event.requestContext.authorizer?.claims.sub);
  await ddb.send(new UpdateCommand({ TableName: 'Drafts', Key: { ownerId: sub, draftId: String(event.pathParameters?.id) }, UpdateExpression: 'SET ${flag} = :v', ExpressionAttributeValues: { ':v': 1 } }));
  return { statusCode: 204, body: '' };
};
export const read = async (event: APIGatewayProxyEvent) => {
  const sub = String(event.requestContext.authorizer?.claims.sub);
  const out = await ddb.send(new GetCommand({ TableName: 'Drafts', Key: { ownerId: sub, draftId: String(event.pathParameters?.id) } }));
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`;

ruleTester.run('no-raw-item-response (items the caller’s group owns)', rule, {
  valid: [
    // The tenant's contractors: their contact details are the tenant's business data.
    app('name: String(body.name), phone: String(body.phone), email: String(body.email)'),
    // The colleague who created a contractor is noted, not its owner: still the tenant's record.
    app('phone: String(body.phone), createdBy: event.requestContext.authorizer?.claims.sub'),
    // A flag of where the caller's own draft is in its life.
    own('isDeleted'),
  ],
  invalid: [
    // Each item also records the member it belongs to: colleagues' items, with personal data.
    invalidAt(
      marked(app('phone: String(body.phone), ownerId: event.requestContext.authorizer?.claims.sub')),
      'rawItem',
    ),
    // The group's users are principal records, whoever writes them.
    invalidAt(marked(app('phone: String(body.phone)', 'Users')), 'rawItem'),
    // The operator's judgement of the caller's own item.
    invalidAt(
      own('riskScore').replace('body: JSON.stringify(out.Item) };', 'body: JSON.stringify(out.Item) }; // ✗'),
      'rawItem',
    ),
  ],
});
