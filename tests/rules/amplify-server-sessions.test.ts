import baseRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { docClient } from './framework-headers.js';

/**
 * Amplify v6 server-side auth in Next.js route handlers: `runWithAmplifyServerContext` (from
 * `createServerRunner` of `@aws-amplify/adapter-nextjs`) answers with what its `operation` returns,
 * and `fetchAuthSession` / `getCurrentUser` of `aws-amplify/auth/server` answer with the user whose
 * cookie tokens the adapter verified. Amplify's types are not installed here (nor in most audited
 * programs): the imports are matched by their module and name. The browser's `fetchAuthSession`
 * (`aws-amplify/auth`) and a decoded cookie prove nothing.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const header = `import { NextRequest, NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { createServerRunner } from '@aws-amplify/adapter-nextjs';
${docClient}
const { runWithAmplifyServerContext } = createServerRunner({ config: {} });
`;
const bad = (code: string) => invalidAt(`${header}${code}`, 'unscopedKey' as const);
const good = (code: string) => ({ code: `${header}${code}` });

ruleTester.run('no-unscoped-key (Amplify server-side sessions)', rule, {
  valid: [
    good(`
import { fetchAuthSession } from 'aws-amplify/auth/server';
async function currentUserId() {
  const session = await runWithAmplifyServerContext({
    nextServerContext: { cookies },
    operation: (contextSpec) => fetchAuthSession(contextSpec),
  });
  return session.tokens?.accessToken?.payload?.sub as string | undefined;
}
export async function POST(req: NextRequest) {
  const userId = await currentUserId();
  if (!userId) return NextResponse.json({ error: 'login' }, { status: 401 });
  const { id } = await req.json();
  const r = await ddb.send(new GetCommand({ TableName: 'app', Key: { PK: \`USER#\${userId}\`, SK: \`CHAT#\${id}\` } }));
  return NextResponse.json({ title: r.Item?.title });
}`),
    good(`
import { getCurrentUser } from 'aws-amplify/auth/server';
export async function DELETE(req: NextRequest) {
  const { userId } = await runWithAmplifyServerContext({
    nextServerContext: { cookies },
    async operation(contextSpec) {
      return getCurrentUser(contextSpec);
    },
  });
  const id = req.nextUrl.searchParams.get('id');
  await ddb.send(new DeleteCommand({ TableName: 'app', Key: { PK: \`USER#\${userId}\`, SK: \`CHAT#\${id}\` } }));
  return NextResponse.json({ ok: true });
}`),
  ],
  invalid: [
    // The session's user is the caller, but the key is the body's.
    bad(`
import { fetchAuthSession } from 'aws-amplify/auth/server';
export async function POST(req: NextRequest) {
  const session = await runWithAmplifyServerContext({
    nextServerContext: { cookies },
    operation: (contextSpec) => fetchAuthSession(contextSpec),
  });
  if (!session.tokens) return NextResponse.json({ error: 'login' }, { status: 401 });
  const { userId, id } = await req.json();
  const r = await ddb.send(new GetCommand({ TableName: 'app', Key: { PK: \`USER#\${userId}\`, SK: \`CHAT#\${id}\` } })); // ✗✗
  return NextResponse.json({ title: r.Item?.title });
}`),
    // The browser's fetchAuthSession reads what the client holds: no server-verified session.
    bad(`
import { fetchAuthSession } from 'aws-amplify/auth';
export async function POST(req: NextRequest) {
  const session = await fetchAuthSession();
  const { id } = await req.json();
  const r = await ddb.send(new GetCommand({ TableName: 'app', Key: { PK: \`USER#\${session.tokens?.accessToken?.payload?.sub}\`, SK: \`CHAT#\${id}\` } })); // ✗
  return NextResponse.json({ title: r.Item?.title });
}`),
    // The runner answers with what its operation returns: here a header the client chose.
    bad(`
export async function POST(req: NextRequest) {
  const userId = await runWithAmplifyServerContext({
    nextServerContext: { cookies },
    operation: () => req.headers.get('x-user-id'),
  });
  const { id } = await req.json();
  const r = await ddb.send(new GetCommand({ TableName: 'app', Key: { PK: \`USER#\${userId}\`, SK: \`CHAT#\${id}\` } })); // ✗✗
  return NextResponse.json({ title: r.Item?.title });
}`),
    // A token decoded from the cookie without checking its signature is the client's word.
    bad(`
import jwt from 'jsonwebtoken';
export async function POST(req: NextRequest) {
  const token = (await cookies()).get('idToken')?.value ?? '';
  const claims = jwt.decode(token) as { sub: string };
  const { id } = await req.json();
  const r = await ddb.send(new GetCommand({ TableName: 'app', Key: { PK: \`USER#\${claims.sub}\`, SK: \`CHAT#\${id}\` } })); // ✗
  return NextResponse.json({ title: r.Item?.title });
}`),
  ],
});

// With the evidence `recommended` weighs (fresh-u, a Next.js chat app's calls): the owner check
// against the session's user keeps the read and the write silent; an action with no check stays reported.
const evidenceTester = createRuleTesterWithTypes();
const calls = `${header}import { UpdateCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { fetchAuthSession } from 'aws-amplify/auth/server';
async function getAuthenticatedUser() {
  const session = await runWithAmplifyServerContext({
    nextServerContext: { cookies },
    operation: (contextSpec) => fetchAuthSession(contextSpec),
  });
  const userId = session.tokens?.accessToken?.payload?.sub as string | undefined;
  return userId ? { userId } : null;
}
export async function POST(req: NextRequest) {
  const auth = await getAuthenticatedUser();
  if (!auth) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { participantIds } = (await req.json()) as { participantIds: string[] };
  const sessionId = crypto.randomUUID();
  await ddb.send(new PutCommand({ TableName: 'Calls', Item: { sessionId, initiatedBy: auth.userId, participantIds } }));
  return NextResponse.json({ sessionId });
}
export async function PATCH(req: NextRequest) {
  const auth = await getAuthenticatedUser();
  if (!auth) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { sessionId } = (await req.json()) as { sessionId: string };
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Calls', Key: { sessionId } }));
  if (!Item || Item.initiatedBy !== auth.userId) return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  await ddb.send(new UpdateCommand({ TableName: 'Calls', Key: { sessionId }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'ENDED' } }));
  return NextResponse.json({ ok: true });
}
`;
evidenceTester.run('no-unscoped-key (Amplify server-side sessions, recommended)', baseRule, {
  valid: [{ code: calls }],
  invalid: [
    invalidAt(
      `${calls}
export async function DELETE(req: NextRequest) {
  const auth = await getAuthenticatedUser();
  if (!auth) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { sessionId } = (await req.json()) as { sessionId: string };
  await ddb.send(new UpdateCommand({ TableName: 'Calls', Key: { sessionId }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'ENDED' } })); // ✗
  return NextResponse.json({ ok: true });
}`,
      'unscopedKey' as const,
    ),
  ],
});
