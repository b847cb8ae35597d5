/**
 * A bare specifier no package and no tsconfig resolves (`utils/db-client`) is the file the project's
 * webpack config maps it to: a folder `resolve.modules` searches (`path.resolve(__dirname, 'src')`)
 * or a prefix `resolve.alias` names. The config is read from its text, never run: a folder it
 * computes otherwise maps nothing.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportsWithRootProject, temporaryRootProject } from '../root-project.js';

const client = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;
const model = `import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from 'utils/db-client';
export async function getJob(id: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Jobs', Key: { jobId: id } }));
  return out.Item;
}
`;
const handler = `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from 'utils/db-client';
import { getJob } from 'models/job';

export async function direct(event: APIGatewayProxyEvent) {
  const out = await ddb.send(new GetCommand({ TableName: 'Jobs', Key: { jobId: event.pathParameters!.id } }));
  return { statusCode: 200, body: JSON.stringify(out.Item?.price) };
}

export async function throughModel(event: APIGatewayProxyEvent) {
  const job = await getJob(event.pathParameters!.id);
  return { statusCode: 200, body: JSON.stringify(job?.price) };
}
`;

function project(prefix: string, webpackConfig: string): string {
  const { root, write } = temporaryRootProject(prefix);
  write('repo/package.json', '{ "name": "jobs-api", "private": true }');
  write('repo/webpack.config.js', webpackConfig);
  write('repo/src/utils/db-client.ts', client);
  write('repo/src/data/models/job.ts', model);
  write('repo/src/handlers/job.ts', handler);
  return root;
}

describe('bare specifiers a webpack config resolves', () => {
  const mapped = project(
    'bundler-mapped-',
    `const path = require('path');
module.exports = {
  target: 'node',
  resolve: {
    modules: [path.resolve(__dirname, 'src'), 'node_modules'],
    alias: { models$: false, models: path.join(__dirname, 'src/data/models') },
  },
};
`,
  );

  it('are followed to the file resolve.modules or resolve.alias maps them to', async () => {
    const file = path.join(mapped, 'repo/src/handlers/job.ts');
    expect(await reportsWithRootProject(mapped, file, 'strict')).toEqual([
      '7 dynamodb-security/no-unscoped-key',
      '12 dynamodb-security/no-unscoped-key',
    ]);
  }, 60_000);

  const computed = project(
    'bundler-computed-',
    `const path = require('path');
const folders = require('./folders');
module.exports = { resolve: { modules: folders.map((f) => path.resolve(__dirname, f)) } };
`,
  );

  it('stay unresolved when the config computes its folders', async () => {
    const file = path.join(computed, 'repo/src/handlers/job.ts');
    // The command is the SDK's whatever client sends it; the model's read is not reached.
    expect(await reportsWithRootProject(computed, file, 'strict')).toEqual(['7 dynamodb-security/no-unscoped-key']);
  }, 60_000);
});
