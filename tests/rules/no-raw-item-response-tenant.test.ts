import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { nest } from './framework-headers.js';

/**
 * Items selected by the caller's group (`req.user.companyId`, `claims['custom:tenantId']`) are
 * colleagues' items, not the caller's own: the tenant boundary holds (no-unscoped-key is silent),
 * but personal data in them is other users' personal data (SPEC §5, recommended).
 */
const ruleTester = createRuleTesterWithTypes();
const header = `import express from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
declare global {
  namespace Express {
    interface Request { user?: { sub: string; companyId: string; role?: string } }
  }
}
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = express();
app.post('/members', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Members', Item: { companyId: req.user!.companyId, memberId: req.user!.sub, name: String(req.body.name), email: String(req.body.email) } }));
  res.sendStatus(204);
});
`;
const listing = (attribute: string) => `${header}
app.get('/members', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Members', KeyConditionExpression: 'companyId = :c', ExpressionAttributeValues: { ':c': req.user!.${attribute} } }));
  res.json(out.Items);
});`;

const lambda = (claim: string) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const create = async (event: APIGatewayProxyEvent) => {
  const body = JSON.parse(event.body ?? '{}');
  await ddb.send(new PutCommand({ TableName: 'Patients', Item: { tenantId: event.requestContext.authorizer?.claims['custom:tenantId'], patientId: event.requestContext.authorizer?.claims.sub, phone: String(body.phone) } }));
  return { statusCode: 204, body: '' };
};
export const list = async (event: APIGatewayProxyEvent) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Patients', KeyConditionExpression: 'tenantId = :t', ExpressionAttributeValues: { ':t': event.requestContext.authorizer?.claims['${claim}'] } }));
  return { statusCode: 200, body: JSON.stringify(out.Items) };
};`;

// A helper chain that reads the users table named by the environment; one handler calls it twice.
const helpers = (company: string) => `import express from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
declare global {
  namespace Express {
    interface Request { user?: { sub: string; email: string; companyId: string; clinicId: string; role?: string } }
  }
}
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = express();
async function findByIndex(table: string, field: string, value: string) {
  const out = await ddb.send(new QueryCommand({ TableName: table, IndexName: \`\${field}-index\`, KeyConditionExpression: \`\${field} = :v\`, ExpressionAttributeValues: { ':v': value } }));
  return out.Items;
}
async function usersOf(group: string) {
  return findByIndex(process.env.USERS_TABLE!, 'groupId', group);
}
async function userByEmail(email: string) {
  return (await findByIndex(process.env.USERS_TABLE!, 'email', email))?.[0];
}
app.get('/company/users', async (req, res) => {
  if (req.query.scope === 'company') {
    res.json(await usersOf(req.user!.${company}));
    return;
  }
  res.json(await userByEmail(req.user!.email));
});`;
const marked = (code: string) => code.replace(/(res\.json\(await usersOf\(req\.user!\.\w+\)\);)/, '$1 // ✗');
// NestJS: the decorator picks the principal's attribute (`@CurrentUser('companyId')`).
const nestMembers = (picked: string) => `${nest}
interface Member { companyId: string; memberId: string; email: string }
export class MembersService {
  async of(companyId: string) {
    return (await ddb.send(new QueryCommand({ TableName: 'Members', KeyConditionExpression: 'companyId = :c', ExpressionAttributeValues: { ':c': companyId } }))).Items as Member[];
  }
}
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}
  @Get()
  list(@CurrentUser('${picked}') picked: string) {
    return this.members.of(picked);
  }
}`;
const clinic = { 'dynamodb-security': { tenantKinds: ['clinic'] } };

ruleTester.run('no-raw-item-response (items of the caller\u2019s group)', rule, {
  valid: [
    // The caller's own items (keyed by the caller's id): their own email is theirs to see.
    listing('sub'),
    lambda('sub'),
    // The caller's own record through the same helpers (the other call of the handler is not this one).
    helpers('sub'),
    // `clinicId` names a group only where the settings say a clinic is one.
    helpers('clinicId'),
    nestMembers('sub'),
  ],
  invalid: [
    // The company's members, keyed by the caller's company: colleagues' emails.
    invalidAt(listing('companyId').replace('res.json(out.Items);', 'res.json(out.Items); // ✗'), 'rawItem'),
    invalidAt(
      lambda('custom:tenantId').replace(
        'body: JSON.stringify(out.Items) };',
        'body: JSON.stringify(out.Items) }; // ✗',
      ),
      'rawItem',
    ),
    // The company's user records, attributes unknown: colleagues' records; the `/me` branch is not reported.
    invalidAt(marked(helpers('companyId')), 'rawItem'),
    { ...invalidAt(marked(helpers('clinicId')), 'rawItem'), settings: clinic },
    invalidAt(
      nestMembers('companyId').replace('return this.members.of(picked);', 'return this.members.of(picked); // ✗'),
      'rawItem',
    ),
  ],
});
