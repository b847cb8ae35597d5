import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';

const ruleTester = createRuleTesterWithTypes();
const header = `
import express from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, DeleteCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = express();
`;
ruleTester.run('no-unscoped-key', rule, {
  valid: [
    header + `
app.get('/users/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: (req as any).user.sub } }));
  res.json(out.Item);
});`,
  ],
  invalid: [
    {
      code: header + `
app.get('/users/:userId', async (req, res) => {
  const { userId } = req.params;
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId } }));
  res.json(out.Item);
});`,
      errors: [{ messageId: 'unscopedKey', line: 10 }],
    },
  ],
});
