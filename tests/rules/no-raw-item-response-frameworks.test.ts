import path from 'node:path';
import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Every modelled response sink, with the frameworks' real types: the raw item is reported on the
 * expression handed to the response, the projected one is not. Plain JavaScript runs as `plain.js`,
 * Next.js and Hono as `bundler/file.ts`.
 */
const ruleTester = createRuleTesterWithTypes();
const js = path.join(fixturesDir, 'plain.js');
const bundler = path.join(fixturesDir, 'bundler/file.ts');
const bad = (code: string, filename?: string) => ({
  ...invalidAt(code, 'rawItem' as const),
  ...(filename ? { filename } : {}),
});

const docClient = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const getUser = async (userId: string) => (await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId } }))).Item;
`;
const express = `import express from 'express';
${docClient}const app = express();
`;
const lambda = `import type { APIGatewayProxyEvent, APIGatewayProxyHandler, APIGatewayProxyResult } from 'aws-lambda';
${docClient}const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
`;
const lambdaJs = `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const AWS = require('aws-sdk');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const doc = new AWS.DynamoDB.DocumentClient();
const respond = (statusCode, body) => ({ statusCode, body: JSON.stringify(body) });
`;
const fastify = `import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocument.from(new DynamoDBClient({}));
const app = Fastify();
`;
const koa = `import Router from '@koa/router';
${docClient}const router = new Router();
`;
const nest = `import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
${docClient}export class UsersRepository {
  find(id: string) { return getUser(id); }
}
const toDto = (user: Record<string, unknown> | undefined) => ({ userId: user?.userId, name: user?.name });
`;
const hono = `import { Hono } from 'hono';
${docClient}const app = new Hono();
`;
const next = `import { NextRequest, NextResponse } from 'next/server';
import type { NextApiRequest, NextApiResponse } from 'next';
${docClient}`;

ruleTester.run('no-raw-item-response (frameworks)', rule, {
  valid: [
    `${express}
app.get('/me', async (req, res) => {
  const user = await getUser('me');
  res.status(200).json({ userId: user?.userId });
});`,
    `${lambda}
export async function me(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const user = await getUser('me');
  return { statusCode: 200, body: JSON.stringify({ name: user?.name }) };
}
export const other: APIGatewayProxyHandler = async () => json(200, { name: (await getUser('me'))?.name });`,
    {
      code: `${lambdaJs}
exports.me = async () => {
  const res = await doc.get({ TableName: 'Users', Key: { userId: 'me' } }).promise();
  return respond(200, { name: res.Item.name });
};`,
      filename: js,
    },
    `${fastify}
app.get('/me', async (request, reply) => {
  const { Item } = await doc.get({ TableName: 'Users', Key: { userId: 'me' } });
  if (!Item) return reply.code(404).send({ error: 'not found' });
  return { userId: Item.userId };
});`,
    // A helper taking the request returns the item to its caller, which projects it.
    `${fastify}
async function loadUser(request: FastifyRequest) {
  return (await doc.get({ TableName: 'Users', Key: { userId: 'me' } })).Item;
}
app.get('/me/name', async (request) => ({ name: (await loadUser(request))?.name }));`,
    `${koa}
router.get('/me', async (ctx) => {
  const user = await getUser('me');
  ctx.body = { name: user?.name };
});`,
    `${nest}
@Controller('users')
export class UsersController {
  constructor(private readonly repo: UsersRepository) {}
  @Get(':id')
  async get(@Param('id') id: string) { return toDto(await this.repo.find(id)); }
  // Not a route: its return value is not a response.
  async load(id: string) { return this.repo.find(id); }
}
// A class that is not a controller.
export class UsersService {
  constructor(private readonly repo: UsersRepository) {}
  @Get(':id')
  get(id: string) { return this.repo.find(id); }
}`,
    {
      code: `${hono}
app.get('/me', async (c) => c.json({ name: (await getUser('me'))?.name }));`,
      filename: bundler,
    },
    {
      code: `${next}
export async function GET() {
  const user = await getUser('me');
  return NextResponse.json({ name: user?.name });
}`,
      filename: bundler,
    },
    // An Express handler's return value is not sent.
    `${express}
app.get('/me', async (req, res) => {
  res.sendStatus(204);
  return getUser('me');
});`,
  ],
  invalid: [
    // Express: every sending method, chains, and an untyped callback in plain JavaScript.
    bad(`${express}
app.get('/a', async (req, res) => {
  const user = await getUser('me');
  res.json(user); // ✗
});
app.get('/b', async (req, res) => {
  res.status(200).send(await getUser('me')); // ✗
});
app.get('/c', async (req, res) => {
  res.set('x-a', '1').status(200).jsonp({ user: await getUser('me') }); // ✗
});
app.get('/d', async (req, res) => {
  res.write(JSON.stringify(await getUser('me'))); // ✗
  res.end();
});
export async function named(req: express.Request, res: express.Response) {
  return res.json(await getUser('me')); // ✗
}`),
    bad(
      `const express = require('express');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = express();
app.get('/me', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: 'me' } }));
  res.status(200).json(Item); // ✗
});`,
      js,
    ),
    // Lambda: a literal result, a local response helper, typed handlers, a variable holding the result.
    bad(`${lambda}
export async function a(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const user = await getUser('me');
  return { statusCode: 200, body: JSON.stringify(user) }; // ✗
}
export const b: APIGatewayProxyHandler = async () => {
  const user = await getUser('me');
  return json(200, user); // ✗
};
export const c: APIGatewayProxyHandler = async () => {
  const response = { statusCode: 200, body: JSON.stringify({ user: await getUser('me') }) }; // ✗
  return response;
};`),
    // Plain JavaScript Lambda: a helper, SDK v2 with .promise(), and the callback style.
    bad(
      `${lambdaJs}
exports.get = async () => {
  const res = await doc.get({ TableName: 'Users', Key: { userId: 'me' } }).promise();
  return respond(200, res.Item); // ✗
};
exports.legacy = (event, context, callback) => {
  doc.get({ TableName: 'Users', Key: { userId: 'me' } }, (err, data) => {
    callback(null, respond(200, data.Item)); // ✗
  });
};`,
      js,
    ),
    // Fastify: reply.send, a returned value, a named handler and app.route({ handler }).
    bad(`${fastify}
app.get('/a', async (request, reply) => {
  const { Item } = await doc.get({ TableName: 'Users', Key: { userId: 'me' } });
  return reply.code(200).send(Item); // ✗
});
app.get('/b', async () => {
  const { Item } = await doc.get({ TableName: 'Users', Key: { userId: 'me' } });
  return Item; // ✗
});
async function named(request: FastifyRequest, reply: FastifyReply) {
  const out = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'o = :o', ExpressionAttributeValues: { ':o': 'me' } });
  return out.Items; // ✗
}
app.get('/c', named);
app.route({ method: 'GET', url: '/d', handler: async () => (await doc.get({ TableName: 'Users', Key: { userId: 'me' } })).Item }); // ✗`),
    // A handler exported for registration elsewhere: its reply parameter says what it is.
    bad(`${fastify}
export async function getUser(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const { Item } = await doc.get({ TableName: 'Users', Key: { userId: 'me' } });
  if (!Item) return reply.code(404).send({ error: 'not found' });
  return { user: Item }; // ✗
}`),
    // Koa: ctx.body and ctx.response.body.
    bad(`${koa}
router.get('/a', async (ctx) => {
  ctx.body = await getUser('me'); // ✗
});
router.get('/b', async (ctx) => {
  const user = await getUser('me');
  ctx.response.body = { user }; // ✗
});`),
    // NestJS: routed controller methods return what is sent; @Res() sends through Express.
    bad(`${nest}
@Controller('users')
export class UsersController {
  constructor(private readonly repo: UsersRepository) {}
  @Get(':id')
  get(@Param('id') id: string) { return this.repo.find(id); } // ✗
  @Get('raw/:id')
  async raw(@Param('id') id: string, @Res() res: Response) {
    res.json(await this.repo.find(id)); // ✗
  }
}`),
    // Hono: c.json and c.body.
    bad(
      `${hono}
app.get('/a', async (c) => {
  const user = await getUser('me');
  return c.json(user); // ✗
});
app.get('/b', async (c) => c.body(JSON.stringify(await getUser('me')))); // ✗`,
      bundler,
    ),
    // Next.js: NextResponse.json, Response.json, new Response, and a pages API route.
    bad(
      `${next}
export async function GET(request: NextRequest) {
  return NextResponse.json(await getUser('me')); // ✗
}
export async function POST() {
  return Response.json({ user: await getUser('me') }); // ✗
}
export async function PUT() {
  return new Response(JSON.stringify(await getUser('me')), { status: 200 }); // ✗
}
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json(await getUser('me')); // ✗
}`,
      bundler,
    ),
  ],
});
