import baseRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { docClient } from './framework-headers.js';

/**
 * Authentication libraries whose call answers with the verified caller: Firebase Admin's
 * `verifyIdToken` / `verifySessionCookie`, `@nestjs/jwt`'s `JwtService.verify(Async)`, next-auth's
 * `getToken`, iron-session's `getIronSession`, Lucia's `validateSession` and better-auth's
 * `auth.api.getSession`. `@nestjs/jwt`, iron-session, Lucia and next-auth are typed here; Firebase
 * Admin and better-auth are not installed, so their imports are matched by module and name (a
 * client the package's factory builds, also in place: `getAuth().verifyIdToken(…)`). A key the
 * request chooses stays reported next to a verified caller, and a same-named function of the
 * app's own proves nothing.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const express = `import express from 'express';
${docClient}const app = express();
`;
const bad = (code: string) => invalidAt(code, 'unscopedKey' as const);

ruleTester.run('no-unscoped-key (authentication libraries)', rule, {
  valid: [
    {
      code: `import { getAuth } from 'firebase-admin/auth';
${express}app.get('/notes/:id', async (req, res) => {
  const { uid } = await getAuth().verifyIdToken(String(req.headers.authorization));
  const r = await ddb.send(new GetCommand({ TableName: 'notes', Key: { ownerId: uid, noteId: req.params.id } }));
  res.json({ text: r.Item?.text });
});`,
    },
    {
      code: `import * as admin from 'firebase-admin';
${express}app.get('/notes/:id', async (req, res) => {
  const user = await admin.auth().verifySessionCookie(req.cookies.session, true);
  const r = await ddb.send(new GetCommand({ TableName: 'notes', Key: { ownerId: user.uid, noteId: req.params.id } }));
  res.json({ text: r.Item?.text });
});`,
    },
    {
      code: `import { Controller, Get, Headers, Param } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
${docClient}@Controller('docs')
export class DocsController {
  constructor(private readonly jwt: JwtService) {}
  @Get(':id')
  async one(@Headers('authorization') token: string, @Param('id') id: string) {
    const { sub } = await this.jwt.verifyAsync<{ sub: string }>(token);
    const r = await ddb.send(new GetCommand({ TableName: 'docs', Key: { userId: sub, docId: id } }));
    return { title: r.Item?.title };
  }
}`,
    },
    {
      code: `import { getToken } from 'next-auth/jwt';
import type { NextApiRequest, NextApiResponse } from 'next';
${docClient}export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const token = await getToken({ req });
  if (!token?.sub) return res.status(401).end();
  const r = await ddb.send(new GetCommand({ TableName: 'drafts', Key: { authorId: token.sub, draftId: String(req.query.id) } }));
  res.json({ title: r.Item?.title });
}`,
    },
    {
      code: `import { getIronSession } from 'iron-session';
import { cookies } from 'next/headers';
${docClient}export async function GET(request: Request) {
  const session = await getIronSession<{ userId: string }>(await cookies(), { password: process.env.SECRET!, cookieName: 'sid' });
  const cart = new URL(request.url).searchParams.get('cart');
  const r = await ddb.send(new GetCommand({ TableName: 'carts', Key: { userId: session.userId, cartId: cart } }));
  return Response.json({ total: r.Item?.total });
}`,
    },
    {
      code: `import { Lucia } from 'lucia';
${express}declare const lucia: Lucia;
app.get('/pets/:id', async (req, res) => {
  const { user } = await lucia.validateSession(req.cookies.auth_session);
  if (!user) return res.sendStatus(401);
  const r = await ddb.send(new GetCommand({ TableName: 'pets', Key: { ownerId: user.id, petId: req.params.id } }));
  res.json({ name: r.Item?.name });
});`,
    },
    {
      code: `import { betterAuth } from 'better-auth';
${express}const auth = betterAuth({});
app.get('/boards/:id', async (req, res) => {
  const session = await auth.api.getSession({ headers: req.headers });
  if (!session) return res.sendStatus(401);
  const r = await ddb.send(new GetCommand({ TableName: 'boards', Key: { ownerId: session.user.id, boardId: req.params.id } }));
  res.json({ name: r.Item?.name });
});`,
    },
  ],
  invalid: [
    // The caller is verified, but the route names the owner.
    bad(`import { getAuth } from 'firebase-admin/auth';
${express}app.get('/notes/:owner/:id', async (req, res) => {
  await getAuth().verifyIdToken(String(req.headers.authorization));
  const r = await ddb.send(new GetCommand({ TableName: 'notes', Key: { ownerId: req.params.owner, noteId: req.params.id } })); // ✗✗
  res.json({ text: r.Item?.text });
});`),
    // The app's own `verifyIdToken` trusts a header: no Firebase check.
    bad(`${express}const auth = { verifyIdToken: async (token: string) => ({ uid: token }) };
app.get('/notes/:id', async (req, res) => {
  const { uid } = await auth.verifyIdToken(String(req.headers['x-user']));
  const r = await ddb.send(new GetCommand({ TableName: 'notes', Key: { ownerId: uid, noteId: req.params.id } })); // ✗✗
  res.json({ text: r.Item?.text });
});`),
    // A `verify` of another service than `@nestjs/jwt`'s proves nothing.
    bad(`import { Controller, Get, Headers, Param } from '@nestjs/common';
${docClient}class TokenService { verify(token: string) { return { sub: token }; } }
@Controller('docs')
export class DocsController {
  constructor(private readonly jwt: TokenService) {}
  @Get(':id')
  async one(@Headers('x-user') token: string, @Param('id') id: string) {
    const { sub } = this.jwt.verify(token);
    const r = await ddb.send(new GetCommand({ TableName: 'docs', Key: { userId: sub, docId: id } })); // ✗✗
    return { title: r.Item?.title };
  }
}`),
    bad(`import { getIronSession } from 'iron-session';
import { cookies } from 'next/headers';
${docClient}export async function GET(request: Request) {
  await getIronSession<{ userId: string }>(await cookies(), { password: process.env.SECRET!, cookieName: 'sid' });
  const url = new URL(request.url);
  const r = await ddb.send(new GetCommand({ TableName: 'carts', Key: { userId: url.searchParams.get('u'), cartId: url.searchParams.get('c') } })); // ✗✗
  return Response.json({ total: r.Item?.total });
}`),
  ],
});
