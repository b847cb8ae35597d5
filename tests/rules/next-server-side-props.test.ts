import { describe, expect, it } from 'vitest';
import raw from '../../rules/no-raw-item-response.js';
import unscoped from '../../rules/no-unscoped-key.js';
import { lintRule } from '../lint-text.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { bundler, docClient, js } from './framework-headers.js';

/**
 * Next.js pages router `getServerSideProps`: its context's `params`, `query` and `req` are client
 * data on every request, and what it returns under `props` is serialised into the page.
 */
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string, filename = bundler) => ({ ...invalidAt(code, 'unscopedKey' as const), filename });
const good = (code: string, filename = bundler) => ({ code, filename });

ruleTester.run('no-unscoped-key (getServerSideProps)', auditMode(unscoped), {
  valid: [
    // The caller's own partition, from the session the request carries.
    good(`import type { GetServerSideProps } from 'next';
import { getServerSession } from 'next-auth';
${docClient}
export const getServerSideProps: GetServerSideProps = async (context) => {
  const session = await getServerSession(context.req, context.res, {});
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: session!.user!.email } }));
  return { props: { title: out.Item?.title ?? '' } };
};`),
    // A signed session that middleware put on the request (iron-session's withIronSessionSsr).
    good(`import type { GetServerSideProps } from 'next';
${docClient}
declare module 'http' {
  interface IncomingMessage { session: { userId: string } }
}
export const getServerSideProps: GetServerSideProps = async ({ req, params }) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: req.session.userId, noteId: String(params!.id) } }));
  return { props: { title: out.Item?.title ?? '' } };
};`),
    // getStaticProps runs at build time on getStaticPaths' values: no request.
    good(`import type { GetStaticProps } from 'next';
${docClient}
export const getStaticProps: GetStaticProps = async ({ params }) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { slug: String(params!.slug) } }));
  return { props: { title: out.Item?.title ?? '' } };
};`),
  ],
  invalid: [
    // Typed through the `GetServerSideProps` annotation: route segment and query string.
    bad(`import type { GetServerSideProps } from 'next';
${docClient}
export const getServerSideProps: GetServerSideProps = async (context) => {
  const note = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: String(context.params!.id) } })); // ✗
  const other = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: String(context.query.other) } })); // ✗
  return { props: { title: note.Item?.title ?? '', other: other.Item?.title ?? '' } };
};`),
    // A function declaration with the context type, handed to a session wrapper's caller.
    bad(`import type { GetServerSidePropsContext } from 'next';
${docClient}
const withUser = <T,>(fn: (ctx: GetServerSidePropsContext) => Promise<T>) => fn;
export const getServerSideProps = withUser(async (ctx: GetServerSidePropsContext) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Sessions', Key: { sid: ctx.req.cookies.sid } })); // ✗
  return { props: { ok: !!out.Item } };
});`),
    // Plain JavaScript: the exported name says what the parameter is.
    bad(
      `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export async function getServerSideProps({ params }) {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } })); // ✗
  return { props: { title: out.Item ? out.Item.title : '' } };
}`,
      js,
    ),
  ],
});

const rawTester = createRuleTesterWithTypes();
rawTester.run('no-raw-item-response (getServerSideProps)', auditMode(raw), {
  valid: [
    // Named fields only.
    good(`import type { GetServerSideProps } from 'next';
${docClient}
export const getServerSideProps: GetServerSideProps = async ({ params }) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: String(params!.id) } }));
  return { props: { title: out.Item?.title ?? '' } };
};`),
    // Only \`props\` reaches the page: an item that decides a redirect is not sent.
    good(`import type { GetServerSideProps } from 'next';
${docClient}
export const getServerSideProps: GetServerSideProps = async ({ params }) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: String(params!.id) } }));
  if (!out.Item) return { notFound: true };
  return { redirect: { destination: \`/notes/\${out.Item.slug}\`, permanent: false }, meta: out.Item } as never;
};`),
  ],
  invalid: [
    {
      ...invalidAt(
        `import type { GetServerSideProps } from 'next';
${docClient}
export const getServerSideProps: GetServerSideProps = async ({ params }) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Entities', KeyConditionExpression: 'owner = :o', ExpressionAttributeValues: { ':o': String(params!.slug) } }));
  return { props: { entities: out.Items } }; // ✗
};`,
        'rawItem' as const,
      ),
      filename: bundler,
    },
  ],
});

describe('getServerSideProps messages', () => {
  it('names the fix in Next.js terms, not by the parameter name another framework uses', async () => {
    const messages = await lintRule(
      'no-unscoped-key',
      `import type { GetServerSideProps } from 'next';
${docClient}
export const getServerSideProps: GetServerSideProps = async (context) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: String(context.params!.id) } }));
  return { props: { title: out.Item?.title ?? '' } };
};`,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain(
      'nothing ties it to `getServerSession(context.req, context.res, authOptions)`',
    );
  });
});
