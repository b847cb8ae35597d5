import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import noRawItemResponse from '../../rules/no-raw-item-response.js';
import { lintText } from '../lint-text.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { bundler } from './framework-headers.js';

/**
 * SPEC §5 sensitive attributes, by what a write stores in them: an attribute that stores the
 * caller's e-mail (`user_id: session.user.email`) holds personal data whatever its own name says,
 * so whole items of its entity sent to anyone are a finding in `recommended`.
 */
const header = `import type { GetServerSideProps, NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;
/** Entries created by the signed-in caller, `owner` storing `stored`, and a public page listing them all. */
const entries = (stored: string, table: string) => `${header}
export async function createEntry(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, {});
  await ddb.send(new PutCommand({ TableName: '${table}', Item: { owner: ${stored}, entryId: crypto.randomUUID(), game: String(req.body.game) } }));
  res.status(201).end();
}
export const getServerSideProps: GetServerSideProps = async () => {
  const out = await ddb.send(new ScanCommand({ TableName: '${table}' }));
  return { props: { entries: out.Items } };
};`;

const ruleTester = createRuleTesterWithTypes();
ruleTester.run('no-raw-item-response (attributes holding the caller’s e-mail)', noRawItemResponse, {
  valid: [
    // The caller's opaque id is no personal data: a listing of items that hold nothing sensitive.
    { code: entries('session!.user!.id', 'GameIds'), filename: bundler },
    // Nor a wallet address, the public name of an account.
    { code: entries('(session as unknown as { address: string }).address', 'GameWallets'), filename: bundler },
    // The caller's own items, queried by the e-mail they store: their owner sees their own address.
    {
      code: `${header}
export async function createEntry(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, {});
  await ddb.send(new PutCommand({ TableName: 'OwnGames', Item: { owner: session!.user!.email, entryId: crypto.randomUUID() } }));
  res.status(201).end();
}
export async function listMine(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, {});
  const out = await ddb.send(new QueryCommand({ TableName: 'OwnGames', KeyConditionExpression: 'owner = :o', ExpressionAttributeValues: { ':o': session!.user!.email } }));
  res.status(200).json(out.Items);
}`,
      filename: bundler,
    },
  ],
  invalid: [
    {
      ...invalidAt(
        entries('session!.user!.email', 'GameMails').replace(
          'return { props: { entries: out.Items } };',
          'return { props: { entries: out.Items } }; // ✗',
        ),
        'rawItem',
      ),
      filename: bundler,
    },
  ],
});

describe('the message names what the attribute holds', () => {
  const recommended: Linter.RulesRecord = {
    'dynamodb-security/no-unscoped-key': 'off',
    'dynamodb-security/no-unvalidated-input': 'off',
    'dynamodb-security/no-raw-item-response': ['error', { evidence: 'required' }],
  };

  it("says the attribute holds the caller's e-mail and where it is written", async () => {
    const source = entries('session!.user!.email', 'GameMailsMessage');
    const messages = await lintText(source, recommended, {}, 'bundler/file.ts');
    const put = source.split('\n').findIndex((line) => line.includes('PutCommand({')) + 1;
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain(
      `GameMailsMessage items hold owner (the caller's email), written at line ${put}`,
    );
  });
});
