import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { docClient } from './framework-headers.js';

/**
 * A principal property (`req.user`, `request.user`, `res.locals.user`) that the program assigns only
 * request data (a token decoded without checking its signature, a header) is request data, not the
 * caller's identity: the client chooses it (SPEC §4, tokens are principals only once verified).
 * When some write holds a verified token, or the program writes none (passport, an authorizer),
 * it stays the caller.
 */
const rule = auditMode(noUnscopedKey);
const ruleTester = createRuleTesterWithTypes();

const express = (middleware: string) =>
  expressHeader +
  `import jwt from 'jsonwebtoken';
${middleware}
app.get('/notes/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: req.user!.sub, noteId: req.params.id } })); // ✗✗
  res.json({ title: out.Item?.title });
});`;

const decoded = express(`app.use((req, _res, next) => {
  req.user = jwt.decode(String(req.headers.authorization).slice(7)) as { sub: string };
  next();
});`);
const fromHeader = express(`app.use((req, _res, next) => {
  req.user = { sub: String(req.headers['x-user-id']) };
  next();
});`);
const verified = express(`app.use((req, _res, next) => {
  req.user = jwt.verify(String(req.headers.authorization).slice(7), 'secret') as { sub: string };
  next();
});`);
// One path verifies: the property is not only request data.
const verifiedOrDecoded = express(`app.use((req, _res, next) => {
  if (process.env.TRUST_PROXY) req.user = jwt.decode(String(req.headers.authorization).slice(7)) as { sub: string };
  else req.user = jwt.verify(String(req.headers.authorization).slice(7), 'secret') as { sub: string };
  next();
});`);
// A logout clears it: that names no one.
const verifiedThenCleared = express(`app.use((req, _res, next) => {
  req.user = jwt.verify(String(req.headers.authorization).slice(7), 'secret') as { sub: string };
  next();
});
app.post('/logout', (req, res) => {
  req.user = undefined;
  res.sendStatus(204);
});`);

// NestJS: a guard stores the decoded token on the request it gets from the execution context.
const nestGuard = (
  read: string,
) => `import { CanActivate, Controller, ExecutionContext, Get, Injectable, Param, Req, UseGuards } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { Request } from 'express';
${docClient}
@Injectable()
export class TokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    const token = String(request.headers.authorization ?? '').split(' ')[1];
    const payload = ${read};
    if (!payload) return false;
    request.user = payload.payload;
    return true;
  }
}
@UseGuards(TokenGuard)
@Controller('applications')
export class ApplicationsController {
  @Get(':uid')
  async findOne(@Req() request: Request & { user: { sub: string } }, @Param('uid') uid: string) {
    const out = await ddb.send(new GetCommand({ TableName: 'Apps', Key: { pk: request.user.sub, sk: uid } })); // ✗✗
    return { name: out.Item?.name };
  }
}`;

/** The same app with a read keyed by the caller alone. */
const ownOnly = (app: string) =>
  app.replace(/\napp\.get\('\/notes\/:id'[\s\S]*$/, '') +
  `
app.get('/notes', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json({ count: out.Count });
});`;

ruleTester.run('no-unscoped-key (principals the program fills with request data)', rule, {
  valid: [
    // Keyed by the caller alone: nothing to report where the caller is verified (or external).
    ownOnly(verified),
    ownOnly(verifiedOrDecoded),
    ownOnly(verifiedThenCleared),
    ownOnly(expressHeader + "import jwt from 'jsonwebtoken';\nexport const sign = jwt.sign;"),
    // The caller's partition scopes the note id too.
    verified.replace(' // ✗✗', ''),
    verifiedOrDecoded.replace(' // ✗✗', ''),
    verifiedThenCleared.replace(' // ✗✗', ''),
    nestGuard("jwt.verify(token, 'secret', { complete: true }) as jwt.Jwt").replace(' // ✗✗', ''),
  ],
  invalid: [
    invalidAt(decoded, 'unscopedKey'),
    invalidAt(fromHeader, 'unscopedKey'),
    invalidAt(nestGuard('jwt.decode(token, { complete: true })'), 'unscopedKey'),
    invalidAt(ownOnly(decoded).replace('req.user!.sub } }));', 'req.user!.sub } })); // ✗'), 'unscopedKey'),
  ],
});
