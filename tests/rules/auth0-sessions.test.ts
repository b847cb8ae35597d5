import baseRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { docClient } from './framework-headers.js';

/**
 * Auth0's Next.js SDK (`@auth0/nextjs-auth0`, also its `/edge` entry): `getSession()` in an app
 * route, `getSession(req, res)` in a pages API route wrapped by `withApiAuthRequired`, returns the
 * logged-in user's server-side session, so `session.user.sub` is the caller. The SDK's types are not
 * installed here: the import is matched by its module and name, as for other untyped session
 * libraries. A function of the same name that is not the SDK's proves nothing.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const header = `import { NextRequest, NextResponse } from 'next/server';
import type { NextApiRequest, NextApiResponse } from 'next';
${docClient}`;
const bad = (code: string) => invalidAt(`${header}${code}`, 'unscopedKey' as const);
const good = (code: string) => ({ code: `${header}${code}` });

ruleTester.run('no-unscoped-key (Auth0 Next.js sessions)', rule, {
  valid: [
    good(`
import { getSession } from '@auth0/nextjs-auth0';
export async function POST(req: NextRequest) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: 'login' }, { status: 401 });
  const { id } = await req.json();
  const r = await ddb.send(new GetCommand({ TableName: 'app', Key: { PK: \`USER#\${session.user.sub}\`, SK: \`CHAT#\${id}\` } }));
  return NextResponse.json({ title: r.Item?.title });
}`),
    good(`
import { getSession } from '@auth0/nextjs-auth0/edge';
export async function DELETE(req: NextRequest) {
  const { user } = await getSession();
  const id = req.nextUrl.searchParams.get('id');
  await ddb.send(new DeleteCommand({ TableName: 'app', Key: { PK: \`USER#\${user.sub}\`, SK: \`CHAT#\${id}\` } }));
  return NextResponse.json({ ok: true });
}`),
    good(`
import { getSession, withApiAuthRequired } from '@auth0/nextjs-auth0';
export default withApiAuthRequired(async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getSession(req, res);
  const r = await ddb.send(new GetCommand({ TableName: 'notes', Key: { userId: session.user.sub, noteId: String(req.query.id) } }));
  res.json({ title: r.Item?.title });
});`),
  ],
  invalid: [
    // The session's user is the caller, but the key is the body's.
    bad(`
import { getSession } from '@auth0/nextjs-auth0';
export async function POST(req: NextRequest) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: 'login' }, { status: 401 });
  const { userId, id } = await req.json();
  const r = await ddb.send(new GetCommand({ TableName: 'app', Key: { PK: \`USER#\${userId}\`, SK: \`CHAT#\${id}\` } })); // ✗✗
  return NextResponse.json({ title: r.Item?.title });
}`),
    // A function of the same name that reads a header is no Auth0 session.
    bad(`
async function getSession(req: NextRequest) {
  return { user: { sub: req.headers.get('x-user-id') } };
}
export async function POST(req: NextRequest) {
  const session = await getSession(req);
  const { id } = await req.json();
  const r = await ddb.send(new GetCommand({ TableName: 'app', Key: { PK: \`USER#\${session.user.sub}\`, SK: \`CHAT#\${id}\` } })); // ✗✗
  return NextResponse.json({ title: r.Item?.title });
}`),
  ],
});
