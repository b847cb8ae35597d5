import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Role checks on the caller's own record (SPEC §4 privileged access, §5 principal record): a
 * handler that reads the caller's user item by the verified principal and exits unless that
 * record holds an administrative role (`!me || me.role !== 'admin'`, an enum member, `!me.isAdmin`;
 * returning or throwing) makes what follows privileged, as a role claim on the token does. A role
 * check on a record the request names, a role that is no administrative one, or a check that does
 * not exit, stays reported.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

/** A read keyed by a request value is itself reported. */
const mark = (key: string) => (/\.user!?\.sub$/.test(key) ? '' : ' // ✗');

/** The caller's record read in place (`me.Item`), then `check` guarding `exit`, then an update of any user. */
const inline = (check: string, exit = 'return res.status(403).end();', key = 'req.user!.sub') =>
  expressHeader +
  `enum Role { Admin = 'admin', Member = 'member' }
app.post('/users/:userId/ban', async (req, res) => {
  const { Item: me } = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: ${key} } }));${mark(key)}
  if (${check}) ${exit}
  await ddb.send(new UpdateCommand({ TableName: 'Users', Key: { userId: req.params.userId }, UpdateExpression: 'SET banned = :b', ExpressionAttributeValues: { ':b': true } })); // ✗
  res.status(204).end();
});`;

/** The caller's record read by a helper (`getUser(req.user.sub)`), as a service does. */
const helper = (check: string, exit: string, key = 'req.user!.sub') =>
  expressHeader +
  `interface User { userId: string; role: string; isAdmin?: boolean }
async function getUser(userId: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId } }));
  return out.Item as User | undefined;
}
app.delete('/orders/:orderId', async (req, res) => {
  const user = await getUser(${key});${mark(key)}
  if (${check}) ${exit}
  await ddb.send(new DeleteCommand({ TableName: 'Orders', Key: { orderId: req.params.orderId } })); // ✗
  res.status(204).end();
});`;
/**
 * A NestJS service that asks a cache it is injected with before reading the caller's record: the
 * cached copy is the same record, so the role test reads the caller's own role either way.
 */
const cachedService = (
  check: string,
  key = 'request.user.sub',
) => `import { CanActivate, Controller, ExecutionContext, Injectable, Param, Patch, Req, UseGuards } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export enum UserRole { Admin = 'admin', User = 'user' }
interface Cache { get(key: string): Promise<string | null> }
@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    request.user = jwt.verify(String(request.headers.authorization), 'secret') as { sub: string };
    return true;
  }
}
@Injectable()
export class UserService {
  constructor(private cache: Cache) {}
  async getUserById(id: string) {
    const cached = await this.cache.get('user:' + id);
    if (cached) return JSON.parse(cached);
    const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: id } }));
    return out.Item;
  }
}
@Controller('tickets')
export class TicketsController {
  constructor(private users: UserService) {}
  @Patch(':ticket/close')
  @UseGuards(AuthGuard)
  async close(@Req() request: any, @Param('ticket') ticket: string) {
    const user = await this.users.getUserById(${key});${mark(key)}
    if (${check}) return { code: 403 };
    await ddb.send(new UpdateCommand({ TableName: 'Tickets', Key: { ticketId: ticket }, UpdateExpression: 'SET closed = :c', ExpressionAttributeValues: { ':c': true } })); // ✗
    return { code: 200 };
  }
}`;
const forbid = `throw new Error('forbidden');`;

ruleTester.run('no-unscoped-key (role checks on the caller’s own record)', noUnscopedKey, {
  valid: [
    { code: quiet(inline(`!me || me.role !== 'admin'`)), options: audit },
    { code: quiet(inline(`me?.role !== Role.Admin`)), options: audit },
    { code: quiet(inline(`!me?.isAdmin`)), options: audit },
    { code: quiet(inline(`!me || me.role !== Role.Admin`, forbid)), options: audit },
    { code: quiet(helper(`!user || user.role !== 'admin'`, forbid)), options: audit },
    { code: quiet(helper(`!user?.isAdmin`, `return res.status(403).end();`)), options: audit },
    { code: quiet(cachedService(`!user || user.role !== UserRole.Admin`)), options: audit },
    // The role claim on the token compared with an enum member, as with its string.
    { code: quiet(inline(`req.user!.role !== Role.Admin`)), options: audit },
  ],
  invalid: [
    // The record the check reads is the one the request names: anyone can point it at an admin.
    {
      ...invalidAt(inline(`!me || me.role !== 'admin'`, undefined, 'req.params.userId'), 'unscopedKey'),
      options: audit,
    },
    {
      ...invalidAt(helper(`!user || user.role !== 'admin'`, forbid, 'String(req.query.as)'), 'unscopedKey'),
      options: audit,
    },
    { ...invalidAt(cachedService(`!user || user.role !== UserRole.Admin`, 'ticket'), 'unscopedKey'), options: audit },
    { ...invalidAt(cachedService(`!user || user.role !== UserRole.User`), 'unscopedKey'), options: audit },
    // A role that is no administrative one: every member passes.
    { ...invalidAt(inline(`!me || me.role !== Role.Member`), 'unscopedKey'), options: audit },
    { ...invalidAt(helper(`user?.role !== 'member'`, forbid), 'unscopedKey'), options: audit },
    // The check does not exit.
    { ...invalidAt(inline(`me?.role !== 'admin'`, `console.warn('not an admin');`), 'unscopedKey'), options: audit },
    // The check exits for admins only: everyone else goes on.
    { ...invalidAt(inline(`me?.role === 'admin'`), 'unscopedKey'), options: audit },
  ],
});
