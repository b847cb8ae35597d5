import rule from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { bundler, expressValidatorApp, fastify, hono, lambda, nest } from './framework-headers.js';

/** Validation that frameworks do before the handler runs: pipes, DTOs, route schemas, middleware. */
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string, filename?: string) => ({
  ...invalidAt(code, 'unvalidatedInput' as const),
  ...(filename ? { filename } : {}),
});

const classValidator = `import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
export class NoteParams {
  @IsUUID() noteId!: string;
  @IsString() slug!: string;
  @Matches(/^[a-z-]{1,40}$/) tag!: string;
  @Matches(/[a-z]+/) loose!: string;
}
export class ListQuery {
  @IsIn(['open', 'closed']) status!: string;
}
`;

ruleTester.run('no-unvalidated-input (frameworks)', rule, {
  valid: [
    // NestJS: pipes on the parameter.
    `${nest}
@Controller('notes')
export class NotesController {
  @Get(':noteId')
  get(@CurrentUser() user: { sub: string }, @Param('noteId', ParseUUIDPipe) noteId: string) {
    return ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: user.sub, noteId } }));
  }
  @Get('n/:n')
  byNumber(@CurrentUser() user: { sub: string }, @Param('n', new ParseIntPipe()) n: number) {
    return ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: user.sub, n } }));
  }
}
import { ParseIntPipe } from '@nestjs/common';`,
    // NestJS: DTO fields with class-validator decorators (the global ValidationPipe applies them).
    `${nest}${classValidator}
@Controller('notes')
export class NotesController {
  @Get(':noteId')
  get(@CurrentUser() user: { sub: string }, @Param() params: NoteParams, @Query() query: ListQuery) {
    return ddb.send(new QueryCommand({
      TableName: 'Notes',
      KeyConditionExpression: 'ownerId = :o AND noteId = :n',
      FilterExpression: '#s = :s AND tag = :t',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':o': user.sub, ':n': params.noteId, ':s': query.status, ':t': params.tag },
    }));
  }
}`,
    // Fastify: the route schema validates params and querystring before the handler.
    `${fastify}
app.get('/notes/:noteId', {
  schema: {
    params: { type: 'object', properties: { noteId: { type: 'string', format: 'uuid' } }, required: ['noteId'] },
    querystring: { type: 'object', properties: { status: { type: 'string', enum: ['open', 'closed'] }, page: { type: 'integer' } } },
  },
}, async (request: FastifyRequest<{ Params: { noteId: string }; Querystring: { status: string } }>) => {
  return doc.query({
    TableName: 'Notes',
    KeyConditionExpression: 'ownerId = :o AND noteId = :n',
    FilterExpression: '#s = :s',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':o': request.user!.sub, ':n': request.params.noteId, ':s': request.query.status },
  });
});
import type { FastifyRequest } from 'fastify';`,
    `${fastify}
const noteParams = { type: 'object', properties: { slug: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' } } } as const;
app.route({
  method: 'GET',
  url: '/notes/:slug',
  schema: { params: noteParams },
  handler: async (request: FastifyRequest<{ Params: { slug: string } }>) => doc.get({ TableName: 'Notes', Key: { ownerId: request.user!.sub, slug: request.params.slug } }),
});
import type { FastifyRequest } from 'fastify';`,
    // express-validator: the result checked, or matchedData.
    `${expressValidatorApp}
app.get('/notes/:noteId', param('noteId').isUUID(), async (req: Request, res: Response) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) return res.status(400).json({ errors: errors.array() });
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: req.user!.sub, noteId: req.params.noteId } }));
  res.json({ title: out.Item?.title });
});`,
    `${expressValidatorApp}
app.get('/notes/:noteId', param('noteId').isUUID(), async (req: Request, res: Response) => {
  const { noteId } = matchedData(req);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: req.user!.sub, noteId } }));
  res.json({ title: out.Item?.title });
});`,
    // Hono: c.req.valid after a validator middleware.
    {
      code: `${hono}
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
app.get('/notes/:noteId', zValidator('param', z.object({ noteId: z.string().uuid() })), async (c) => {
  const { noteId } = c.req.valid('param');
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: c.get('user').sub, noteId } }));
  return c.json({ title: out.Item?.title });
});`,
      filename: bundler,
    },
    // Lambda: middy's validator middleware checks the event.
    `${lambda}
import middy from '@middy/core';
import validator from '@middy/validator';
const getNote = async (event: APIGatewayProxyEvent) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: event.requestContext.authorizer!.claims.sub, noteId: event.pathParameters!.noteId } }));
  return { statusCode: 200, body: JSON.stringify({ title: out.Item?.title }) };
};
export const handler = middy(getNote).use(validator({ eventSchema: {} }));`,
  ],
  invalid: [
    // NestJS: no pipe, a pipe that does not constrain text, `@IsString()` alone, an unanchored `@Matches`.
    bad(`${nest}${classValidator}
@Controller('notes')
export class NotesController {
  @Get(':noteId')
  get(@CurrentUser() user: { sub: string }, @Param('noteId') noteId: string, @Param() params: NoteParams) {
    return ddb.send(new QueryCommand({
      TableName: 'Notes',
      KeyConditionExpression: 'ownerId = :o AND noteId = :n',
      FilterExpression: 'slug = :s AND loose = :l',
      ExpressionAttributeValues: {
        ':o': user.sub,
        ':n': noteId, // ✗
        ':s': params.slug, // ✗
        ':l': params.loose, // ✗
      },
    }));
  }
}`),
    // Fastify: a schema for another field, or with no constraint on this one.
    bad(`${fastify}
app.get('/notes/:noteId', {
  schema: { params: { type: 'object', properties: { other: { type: 'string', format: 'uuid' }, noteId: { type: 'string' } } } },
}, async (request: FastifyRequest<{ Params: { noteId: string } }>) => {
  return doc.get({ TableName: 'Notes', Key: { ownerId: request.user!.sub, noteId: request.params.noteId } }); // ✗
});
import type { FastifyRequest } from 'fastify';`),
    // express-validator: the chain without the result check does not stop the request.
    bad(`${expressValidatorApp}
app.get('/notes/:noteId', param('noteId').isUUID(), async (req: Request, res: Response) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: req.user!.sub, noteId: req.params.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // Hono: the raw parameter, not the validated one.
    bad(
      `${hono}
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
app.get('/notes/:noteId', zValidator('param', z.object({ noteId: z.string().uuid() })), async (c) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: c.get('user').sub, noteId: c.req.param('noteId') } })); // ✗
  return c.json({ title: out.Item?.title });
});`,
      bundler,
    ),
    // Lambda: middy without a validating middleware.
    bad(`${lambda}
import middy from '@middy/core';
const getNote = async (event: APIGatewayProxyEvent) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: event.requestContext.authorizer!.claims.sub, noteId: event.pathParameters!.noteId } })); // ✗
  return { statusCode: 200, body: JSON.stringify({ title: out.Item?.title }) };
};
export const handler = middy(getNote);`),
  ],
});
