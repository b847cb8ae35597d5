import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * A named property of the array `map` builds (`users.name`, written as if it were one user) holds
 * none of its elements: only an index (`users[0]`) or the whole array sends an item.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (sent: string, mark = '') => `import express from 'express';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
const client = new DynamoDBClient({});
const app = express();
app.get('/teams/:id/users', async (req, res) => {
  const out = await client.send(new QueryCommand({ TableName: 'Users', KeyConditionExpression: 'teamId = :t', ExpressionAttributeValues: { ':t': { S: req.params.id } } }));
  const users = out.Items?.map((item) => unmarshall(item)) as any;
  res.json({ found: ${sent} });${mark}
});`;

ruleTester.run('no-raw-item-response (named properties of mapped arrays)', rule, {
  valid: [app('users.name'), app('{ name: users.name, email: users.email }')],
  invalid: [invalidAt(app('users[0]', ' // ✗'), 'rawItem'), invalidAt(app('users', ' // ✗'), 'rawItem')],
});
