import path from 'node:path';
import { fixturesDir } from '../rule-tester.js';

/**
 * Preambles of the per-framework rule cases, with the real type packages. Plain-JavaScript cases
 * run as `plain.js` (allowJs), Next.js and Hono as `bundler/file.ts` (bundler module resolution).
 */
export const js = path.join(fixturesDir, 'plain.js');
export const bundler = path.join(fixturesDir, 'bundler/file.ts');

export const docClient = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

export const lambda = `import type { APIGatewayProxyEvent, APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyHandler, ALBEvent, SQSEvent } from 'aws-lambda';
${docClient}`;
export const lambdaJs = `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const AWS = require('aws-sdk');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const doc = new AWS.DynamoDB.DocumentClient();
`;
export const fastify = `import Fastify from 'fastify';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
declare module 'fastify' { interface FastifyRequest { user?: { sub: string } } }
const doc = DynamoDBDocument.from(new DynamoDBClient({}));
const app = Fastify();
`;
export const koa = `import Router from '@koa/router';
${docClient}const router = new Router();
`;
export const nest = `import { Body, Controller, Delete, Get, Headers, Param, ParseUUIDPipe, Query, Req, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
${docClient}declare global { namespace Express { interface Request { user?: { sub: string } } } }
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest().user);
export class NotesRepository {
  async find(noteId: string) { return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId } }))).Item; }
  async findFor(ownerId: string, noteId: string) { return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId, noteId } }))).Item; }
}
`;
export const hono = `import { Hono } from 'hono';
${docClient}const app = new Hono<{ Variables: { user: { sub: string } } }>();
`;
export const next = `import { NextRequest, NextResponse } from 'next/server';
import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
${docClient}`;
export const expressValidatorApp = `import express from 'express';
import type { Request, Response } from 'express';
import { matchedData, param, validationResult } from 'express-validator';
${docClient}declare global { namespace Express { interface Request { user?: { sub: string } } } }
const app = express();
`;

export const trpc = `import { initTRPC } from '@trpc/server';
import { z } from 'zod';
${docClient}const t = initTRPC.context<{ user: { sub: string } | null; session: { userId: string } }>().create();
`;
