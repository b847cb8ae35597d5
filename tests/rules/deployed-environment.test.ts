import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportsWithRootProject, temporaryRootProject } from '../root-project.js';

/**
 * An environment variable names the table the deployment template gives the function running the
 * file that reads it (SAM `template.yaml`, `serverless.yml`). The SAM starter's `SAMPLE_TABLE` is
 * set to a different table in each function; a table the template names `Notes` is the table the
 * constant `'Notes'` names elsewhere in the app. Without a template the variable names its table.
 */
const { root, write } = temporaryRootProject('deployed-environment-');

const client = `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;
/** An app with no sign-in: an OTP request stores a code under the phone the client typed. */
const requestCode = `${client}
export const handler = async (event: APIGatewayProxyEvent) => {
  const body = JSON.parse(event.body ?? '{}') as { phone: string };
  const code = Math.floor(100000 + Math.random() * 900000);
  const known = await ddb.send(new GetCommand({ TableName: process.env.SAMPLE_TABLE, Key: { phone: body.phone } }));
  if (known.Item) return { statusCode: 200, body: JSON.stringify(known.Item) };
  await ddb.send(new PutCommand({ TableName: process.env.SAMPLE_TABLE, Item: { phone: body.phone, code } }));
  return { statusCode: 200, body: '{}' };
};
`;
/** A team's shared schedule: a workspace's meetings, sent whole. */
const listMeetings = `${client}
export const handler = async (event: APIGatewayProxyEvent) => {
  const out = await ddb.send(
    new ScanCommand({
      TableName: process.env.SAMPLE_TABLE,
      FilterExpression: 'workspaceId = :w',
      ExpressionAttributeValues: { ':w': event.pathParameters!.workspaceId },
    }),
  );
  return { statusCode: 200, body: JSON.stringify(out.Items) };
};
`;
const samFunction = (name: string, handler: string, table: string) => `  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: ${handler}
      Runtime: nodejs20.x
      Environment:
        Variables:
          SAMPLE_TABLE: !Ref ${table}
`;
const samTables = `  AuthTable:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: AuthTableAWS
  MeetingTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema:
        - AttributeName: meetingId
          KeyType: HASH
`;

// One name, two tables: the template gives SAMPLE_TABLE a table of its own in each function.
write('workforce/package.json', '{ "name": "workforce" }');
write(
  'workforce/template.yaml',
  `AWSTemplateFormatVersion: 2010-09-09
Transform: AWS::Serverless-2016-10-31
Resources:
${samFunction('GetAuthCode', 'src/auth/get-auth-code.handler', 'AuthTable')}${samFunction('GetMeetings', 'src/meetings/list.handler', 'MeetingTable')}${samTables}`,
);
write('workforce/src/auth/get-auth-code.ts', requestCode);
write('workforce/src/meetings/list.ts', listMeetings);

// The same app, with both functions given the one table: its phone numbers are the meetings' too.
write('one-table/package.json', '{ "name": "one-table" }');
write(
  'one-table/template.yml',
  `Resources:
${samFunction('GetAuthCode', 'src/auth/get-auth-code.handler', 'AuthTable')}${samFunction('GetMeetings', 'src/meetings/list.handler', 'AuthTable')}${samTables}`,
);
write('one-table/src/auth/get-auth-code.ts', requestCode);
write('one-table/src/meetings/list.ts', listMeetings);

// The same app with no template: the variable is one table.
write('no-template/package.json', '{ "name": "no-template" }');
write('no-template/src/auth/get-auth-code.ts', requestCode);
write('no-template/src/meetings/list.ts', listMeetings);

// A template that is not YAML: ignored, the variable is one table.
write('broken-template/package.json', '{ "name": "broken-template" }');
write('broken-template/template.yaml', 'Resources:\n  GetMeetings: [unclosed\n    Handler: : :\n');
write('broken-template/src/auth/get-auth-code.ts', requestCode);
write('broken-template/src/meetings/list.ts', listMeetings);

// A CodeUri folder and a shared module that reads the variable for the handler that imports it.
write('code-uri/package.json', '{ "name": "code-uri" }');
write(
  'code-uri/template.yaml',
  `Globals:
  Function:
    CodeUri: functions/
Resources:
${samFunction('GetAuthCode', 'auth.handler', 'AuthTable')}${samFunction('GetMeetings', 'meetings.handler', 'MeetingTable')}${samTables}`,
);
write('code-uri/functions/auth.ts', requestCode);
write('code-uri/functions/table.ts', 'export const meetingsTable = process.env.SAMPLE_TABLE;\n');
write(
  'code-uri/functions/meetings.ts',
  listMeetings
    .replace(
      "GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';",
      "ScanCommand } from '@aws-sdk/lib-dynamodb';\nimport { meetingsTable } from './table.js';",
    )
    .replace('TableName: process.env.SAMPLE_TABLE', 'TableName: meetingsTable'),
);

// The same, with the module read by both functions, each given another table: one table, as today.
write('shared-module/package.json', '{ "name": "shared-module" }');
write(
  'shared-module/template.yaml',
  `Globals:
  Function:
    CodeUri: functions/
Resources:
${samFunction('GetAuthCode', 'auth.handler', 'AuthTable')}${samFunction('GetMeetings', 'meetings.handler', 'MeetingTable')}${samTables}`,
);
write(
  'shared-module/functions/auth.ts',
  requestCode
    .replace('const ddb', "import { sampleTable } from './table.js';\nconst ddb")
    .replaceAll('TableName: process.env.SAMPLE_TABLE', 'TableName: sampleTable'),
);
write('shared-module/functions/table.ts', 'export const sampleTable = process.env.SAMPLE_TABLE;\n');
write(
  'shared-module/functions/meetings.ts',
  listMeetings
    .replace(
      "GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';",
      "ScanCommand } from '@aws-sdk/lib-dynamodb';\nimport { sampleTable } from './table.js';",
    )
    .replace('TableName: process.env.SAMPLE_TABLE', 'TableName: sampleTable'),
);

/**
 * A signed-in team's shared board: notes stored under the constant name `Notes` with no owner, read
 * by id through an environment variable. As one table it is shared; as two, the variable's table
 * is one the program never writes, of which nothing is known.
 */
const board = `import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const create = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  if (!event.requestContext.authorizer.jwt.claims.sub) return { statusCode: 401 };
  const text = String(JSON.parse(event.body ?? '{}').text);
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { id: randomUUID(), text } }));
  return { statusCode: 201 };
};
export const read = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const out = await ddb.send(new GetCommand({ TableName: process.env.NOTES_TABLE, Key: { id: event.pathParameters!.id } }));
  return { statusCode: 200, body: JSON.stringify({ text: out.Item?.text }) };
};
`;
write('sam-notes/package.json', '{ "name": "sam-notes" }');
write(
  'sam-notes/template.yaml',
  `Resources:
  ReadNote:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src
      Handler: notes.read
      Environment:
        Variables:
          NOTES_TABLE: !Ref NotesTable
  NotesTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: Notes
`,
);
write('sam-notes/src/notes.ts', board);
write('sls-notes/package.json', '{ "name": "sls-notes" }');
write(
  'sls-notes/serverless.yml',
  `service: notes
provider:
  name: aws
  environment:
    NOTES_TABLE: Notes
functions:
  create:
    handler: src/notes.create
  read:
    handler: src/notes.read
`,
);
write('sls-notes/src/notes.ts', board);
// The same in a TypeScript Serverless config: the object the module exports.
write('sls-ts-notes/package.json', '{ "name": "sls-ts-notes" }');
write(
  'sls-ts-notes/serverless.ts',
  `const provider = { name: 'aws', environment: { NOTES_TABLE: 'Notes' } };
const configuration = { service: 'notes', provider, functions: { create: { handler: 'src/notes.create' }, read: { handler: 'src/notes.read' } } };
module.exports = configuration;
`,
);
write('sls-ts-notes/src/notes.ts', board);
// The framework's own variable (\`\${self:custom.table}\`) is not read: the variable stays a table of its own.
write('sls-variable/package.json', '{ "name": "sls-variable" }');
write(
  'sls-variable/serverless.yml',
  `service: notes
provider:
  environment:
    NOTES_TABLE: \${self:custom.table}
functions:
  read:
    handler: src/notes.read
`,
);
write('sls-variable/src/notes.ts', board);

const lint = (file: string) => reportsWithRootProject(root, path.join(root, file), 'recommended');

describe('environment variables named per function by the deployment template', () => {
  it("does not judge one function's table by what another function stores under the same variable", async () => {
    expect(await lint('workforce/src/meetings/list.ts')).toEqual(['11 dynamodb-security/no-unvalidated-input']);
  });

  it('follows a CodeUri folder and a module the handler imports', async () => {
    expect(await lint('code-uri/functions/meetings.ts')).toEqual(['12 dynamodb-security/no-unvalidated-input']);
  });

  it('keeps the variable as one table in a module functions given different tables both import', async () => {
    expect(await lint('shared-module/functions/meetings.ts')).toEqual([
      '12 dynamodb-security/no-unscoped-key',
      '15 dynamodb-security/no-raw-item-response',
    ]);
  });

  it('keeps one table where the template gives both functions the same one', async () => {
    expect(await lint('one-table/src/meetings/list.ts')).toEqual([
      '11 dynamodb-security/no-unscoped-key',
      '14 dynamodb-security/no-raw-item-response',
    ]);
  });

  it('keeps the variable as one table without a template, or with one that cannot be read', async () => {
    const reported = ['11 dynamodb-security/no-unscoped-key', '14 dynamodb-security/no-raw-item-response'];
    expect(await lint('no-template/src/meetings/list.ts')).toEqual(reported);
    expect(await lint('broken-template/src/meetings/list.ts')).toEqual(reported);
  });

  it('still reports the table the variable names in its own function', async () => {
    expect(await lint('workforce/src/auth/get-auth-code.ts')).toEqual([
      '9 dynamodb-security/no-unscoped-key',
      '10 dynamodb-security/no-raw-item-response',
      '11 dynamodb-security/no-unvalidated-input',
    ]);
  });
});

describe('a table written under its constant name and read through a variable the template sets to it', () => {
  it('is one table in SAM (`TableName` of the referenced resource)', async () => {
    expect(await lint('sam-notes/src/notes.ts')).toEqual(['13 dynamodb-security/no-unvalidated-input']);
  });

  it('is one table in serverless.yml (`provider.environment`)', async () => {
    expect(await lint('sls-notes/src/notes.ts')).toEqual(['13 dynamodb-security/no-unvalidated-input']);
  });

  it('is one table in serverless.ts (the exported object, read by syntax)', async () => {
    expect(await lint('sls-ts-notes/src/notes.ts')).toEqual(['13 dynamodb-security/no-unvalidated-input']);
  });

  it("is two tables when the value is the framework's own variable", async () => {
    expect(await lint('sls-variable/src/notes.ts')).toEqual(['13 dynamodb-security/no-unscoped-key']);
  });
});
