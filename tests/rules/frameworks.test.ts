import baseRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { bundler, docClient, fastify, hono, js, koa, lambda, lambdaJs, nest, next } from './framework-headers.js';

/**
 * Every modelled framework, with its real type packages: each source form is reported, each
 * principal form is scoped. Plain-JavaScript cases run as `plain.js` (allowJs) and Next.js /
 * Hono as `bundler/file.ts` (their packages need bundler module resolution). The rule runs in audit
 * mode: these cases are about sources and principals, not the evidence around the access.
 */
const rule = auditMode(baseRule);
/** Express controllers by decorators (@decorators/express, routing-controllers), declared here: matched by decorator name. */
const decoratorControllers = `${docClient}declare function Controller(path: string): ClassDecorator;
declare function Get(path: string): MethodDecorator;
declare function Params(name?: string): ParameterDecorator;
declare function QueryParam(name: string): ParameterDecorator;
declare function CurrentUser(): ParameterDecorator;
`;
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string, filename?: string) => ({
  ...invalidAt(code, 'unscopedKey' as const),
  ...(filename ? { filename } : {}),
});

ruleTester.run('no-unscoped-key (frameworks)', rule, {
  valid: [
    // Lambda: REST authorizer claims, HTTP API JWT claims, Cognito identity.
    `${lambda}
export const me = async (event: APIGatewayProxyEvent) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: event.requestContext.authorizer!.claims.sub } }));
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`,
    `${lambda}
export const me = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const sub = event.requestContext.authorizer.jwt.claims.sub as string;
  const out = await ddb.send(new QueryCommand({ TableName: 'Orders', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': sub } }));
  return { statusCode: 200, body: JSON.stringify(out.Items) };
};`,
    // A claim typed wider than text, converted with \`toString()\`, is still the caller's.
    `${lambda}
export const mine = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tasks', Key: { userId: event.requestContext.authorizer.jwt.claims.sub.toString(), taskId: event.pathParameters!.id } }));
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`,
    `${lambda}
export const files: APIGatewayProxyHandler = async (event) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Files', Key: { owner: event.requestContext.identity.cognitoIdentityId, fileId: event.pathParameters!.fileId } }));
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`,
    // IAM authorization with a Cognito identity pool: the user pool's subject ends the provider string.
    `${lambda}
export const notes: APIGatewayProxyHandler = async (event) => {
  const parts = event.requestContext.identity.cognitoAuthenticationProvider!.split(':');
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { userId: parts[parts.length - 1], noteId: event.pathParameters!.noteId } }));
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`,
    // Queue events are not HTTP requests.
    `${lambda}
export const worker = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const { orderId } = JSON.parse(record.body);
    await ddb.send(new DeleteCommand({ TableName: 'Orders', Key: { orderId } }));
  }
};`,
    {
      code: `${lambdaJs}
exports.mine = async (event) => {
  const sub = event.requestContext.authorizer.claims.sub;
  const res = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': sub } }).promise();
  return { statusCode: 200, body: JSON.stringify(res.Items) };
};`,
      filename: js,
    },
    // Fastify: the verified user.
    `${fastify}
app.get('/me', async (request) => {
  const out = await doc.get({ TableName: 'Users', Key: { userId: request.user!.sub } });
  return out.Item;
});`,
    // Koa: ctx.state.user.
    `${koa}
router.get('/me', async (ctx) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: ctx.state.user.sub } }));
  ctx.body = out.Item;
});`,
    // NestJS: a principal decorator, and @Req() req.user.
    `${nest}
@Controller('notes')
export class NotesController {
  constructor(private readonly repo: NotesRepository) {}
  @Get('mine/:id')
  mine(@CurrentUser() user: { sub: string }, @Param('id') id: string) { return this.repo.findFor(user.sub, id); }
  @Get('own/:id')
  own(@Req() req: Request, @Param('id') id: string) { return this.repo.findFor(req.user!.sub, id); }
}`,
    // routing-controllers: the caller from currentUserChecker; the client picks only the note.
    `${decoratorControllers}
@Controller('/notes')
export class NotesController {
  @Get('/:id')
  async one(@CurrentUser() user: { sub: string }, @Params('id') id: string) {
    return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: user.sub, noteId: id } }))).Item;
  }
}`,
    // Hono: the JWT payload and typed variables.
    {
      code: `${hono}
app.get('/me', async (c) => {
  const payload = c.get('jwtPayload') as { sub: string };
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: payload.sub } }));
  return c.json(out.Item);
});
app.get('/me2', async (c) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: c.var.user.sub } }));
  return c.json(out.Item);
});`,
      filename: bundler,
    },
    // Hono on Lambda (hono/aws-lambda): the API Gateway event in the bindings, its authorizer verified.
    {
      code: `import { Hono } from 'hono';
import type { LambdaEvent } from 'hono/aws-lambda';
${docClient}type Claims = { requestContext?: { authorizer?: { jwt?: { claims?: { sub?: string } } } } };
const app = new Hono<{ Bindings: { event: LambdaEvent } }>();
app.get('/notes/:id', async (c) => {
  const sub = (c.env.event as Claims).requestContext?.authorizer?.jwt?.claims?.sub;
  if (!sub) return c.json({ message: 'Unauthorized' }, 401);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: sub, noteId: c.req.param('id') } }));
  return c.json(out.Item);
});`,
      filename: bundler,
    },
    // An export list under a name that is no HTTP method: its parameters are its callers' values.
    {
      code: `${next}
async function handler(request: NextRequest, { params }: { params: { id: string } }) {
  const out = await ddb.send(new GetCommand({ TableName: 'Docs', Key: { docId: params.id } }));
  return NextResponse.json(out.Item);
}
export { handler as loadDoc };`,
      filename: bundler,
    },
    // Next.js: the server session.
    {
      code: `${next}
export async function GET() {
  const session = await getServerSession();
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email: session!.user!.email } }));
  return NextResponse.json(out.Item);
}`,
      filename: bundler,
    },
  ],
  invalid: [
    bad(`${lambda}
export const getUser = async (event: APIGatewayProxyEvent) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: event.pathParameters!.id } })); // ✗
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`),
    bad(`${lambda}
export const create: APIGatewayProxyHandler = async (event) => {
  const { orderId } = JSON.parse(event.body ?? '{}');
  await ddb.send(new DeleteCommand({ TableName: 'Orders', Key: { orderId } })); // ✗
  return { statusCode: 204, body: '' };
};`),
    bad(`${lambda}
export const alb = async (event: ALBEvent) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: event.queryStringParameters?.user } })); // ✗
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`),
    bad(`${lambda}
export const byHeader = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const tenant = event.headers['x-tenant-id'];
  const out = await ddb.send(new GetCommand({ TableName: 'Tenants', Key: { tenantId: tenant } })); // ✗
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`),
    // Plain JavaScript handlers: the event is recognised by shape.
    bad(
      `${lambdaJs}
module.exports.get = async (event) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: event.pathParameters.id } })); // ✗
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`,
      js,
    ),
    bad(
      `${lambdaJs}
exports.handler = async (event) => {
  const { id } = JSON.parse(event.body);
  const res = await doc.get({ TableName: 'Notes', Key: { id } }).promise(); // ✗
  return { statusCode: 200, body: JSON.stringify(res.Item) };
};`,
      js,
    ),
    bad(`${fastify}
app.get<{ Params: { id: string } }>('/users/:id', async (request) => {
  const out = await doc.get({ TableName: 'Users', Key: { userId: request.params.id } }); // ✗
  return out.Item;
});`),
    bad(`${fastify}
app.delete('/notes', async (request, reply) => {
  const { noteId } = request.body as { noteId: string };
  await doc.delete({ TableName: 'Notes', Key: { noteId } }); // ✗
  return reply.code(204).send();
});`),
    bad(`${koa}
router.get('/users/:id', async (ctx) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: ctx.params.id } })); // ✗
  ctx.body = out.Item;
});`),
    bad(`${koa}
router.post('/notes/delete', async (ctx) => {
  const body = ctx.request.body as { noteId: string };
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId: body.noteId } })); // ✗
  ctx.status = 204;
});`),
    bad(`${nest}
@Controller('notes')
export class NotesController {
  constructor(private readonly repo: NotesRepository) {}
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) { return this.repo.find(id); } // ✗
  @Get()
  search(@Query('owner') owner: string) { return this.repo.findFor(owner, 'latest'); } // ✗
  @Delete()
  remove(@Body() body: { noteId: string }) { return this.repo.find(body.noteId); } // ✗
  @Get('raw/:id')
  raw(@Req() req: Request) { return this.repo.find(String(req.params.id)); } // ✗
  @Get('tenant')
  tenant(@Headers('x-note-id') noteId: string) { return this.repo.find(noteId); } // ✗
}`),
    bad(
      `${hono}
app.get('/users/:id', async (c) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: c.req.param('id') } })); // ✗
  return c.json(out.Item);
});
app.post('/orders', async (c) => {
  const { orderId } = await c.req.json();
  const out = await ddb.send(new GetCommand({ TableName: 'Orders', Key: { orderId } })); // ✗
  return c.json(out.Item);
});`,
      bundler,
    ),
    // On Lambda, the event's path parameters are the client's, as on the Lambda event itself.
    bad(
      `import { Hono } from 'hono';
import type { LambdaEvent } from 'hono/aws-lambda';
${docClient}const app = new Hono<{ Bindings: { event: LambdaEvent } }>();
app.get('/notes/:id', async (c) => {
  const event = c.env.event as { pathParameters?: Record<string, string> };
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: event.pathParameters?.id } })); // ✗
  return c.json(out.Item);
});`,
      bundler,
    ),
    bad(
      `${next}
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const out = await ddb.send(new GetCommand({ TableName: 'Docs', Key: { docId: id } })); // ✗
  return NextResponse.json(out.Item);
}
export async function DELETE(request: Request) {
  const docId = new URL(request.url).searchParams.get('docId');
  await ddb.send(new DeleteCommand({ TableName: 'Docs', Key: { docId } })); // ✗
  return new Response(null, { status: 204 });
}
export async function POST(request: NextRequest) {
  const email = request.nextUrl.searchParams.get('email');
  const { orderId } = await request.json();
  const a = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email } })); // ✗
  const b = await ddb.send(new GetCommand({ TableName: 'Orders', Key: { orderId } })); // ✗
  return NextResponse.json([a.Item, b.Item]);
}`,
      bundler,
    ),
    // @decorators/express `@Params('id')` and routing-controllers `@QueryParam('owner')` hand over the client's values.
    bad(`${decoratorControllers}
@Controller('/notes')
export class NotesController {
  @Get('/:id')
  async one(@Params('id') id: string) {
    return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: id } }))).Item; // ✗
  }
  @Get('/')
  async mine(@QueryParam('owner') owner: string) {
    return (await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': owner } }))).Items; // ✗
  }
}`),
    // Route handlers exported through an export list, under another local name or as a const.
    bad(
      `${next}
async function handler(request: NextRequest, { params }: { params: { id: string } }) {
  const out = await ddb.send(new GetCommand({ TableName: 'Docs', Key: { docId: params.id } })); // ✗
  return NextResponse.json(out.Item);
}
const DELETE = async (request: NextRequest, { params }: { params: { id: string } }) => {
  await ddb.send(new DeleteCommand({ TableName: 'Docs', Key: { docId: params.id } })); // ✗
  return new Response(null, { status: 204 });
};
export { handler as GET, DELETE };`,
      bundler,
    ),
    bad(
      `${next}
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: String(req.query.id) } })); // ✗
  res.status(200).json(out.Item);
}`,
      bundler,
    ),
  ],
});
