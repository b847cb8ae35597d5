// Writes a synthetic typed Express + Lambda + DynamoDB service of N files, deterministic from a seed:
// routes, services, repositories, Lambda handlers and DTOs (secure and insecure access mixed), plus
// plenty of files that touch no DynamoDB at all, as real code bases have.
//
//   node bench/generate.mjs <outDir> <files> [seed]
import fs from 'node:fs';
import path from 'node:path';

/** mulberry32: a tiny deterministic PRNG, so the same seed always writes the same project. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILES_PER_ENTITY = 8;

export function generate(outDir, files, seed = 42) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  fs.rmSync(outDir, { recursive: true, force: true });
  const write = (file, text) => {
    const target = path.join(outDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  };
  write(
    'tsconfig.json',
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  write(
    'src/db.ts',
    `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
declare global { namespace Express { interface Request { user?: { sub: string; role: string } } } }
`,
  );
  const entities = Math.max(1, Math.floor((files - 1) / FILES_PER_ENTITY));
  for (let i = 0; i < entities; i++) {
    const name = `${pick(['order', 'note', 'invoice', 'project', 'ticket', 'report', 'asset', 'device'])}${i}`;
    const Name = name[0].toUpperCase() + name.slice(1);
    const table = `${Name}Table`;
    const secure = random() < 0.5;
    write(
      `src/${name}/dto.ts`,
      `export interface ${Name}Dto {
  id: string;
  ownerId: string;
  title: string;
  createdAt: string;
}
export function to${Name}Dto(item: Record<string, unknown>): ${Name}Dto {
  return { id: String(item.id), ownerId: String(item.ownerId), title: String(item.title), createdAt: String(item.createdAt) };
}
`,
    );
    write(
      `src/${name}/repository.ts`,
      `import { GetCommand, QueryCommand, DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export class ${Name}Repository {
  constructor(private readonly client: DynamoDBDocumentClient, private readonly table = '${table}') {}
  async find(id: string) {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: { id } }));
    return out.Item;
  }
  async listFor(ownerId: string, status?: string) {
    const out = await this.client.send(new QueryCommand({
      TableName: this.table,
      IndexName: 'owner-index',
      KeyConditionExpression: 'ownerId = :o',
      ExpressionAttributeValues: { ':o': ownerId, ...(status ? { ':s': status } : {}) },
      ...(status ? { FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' } } : {}),
    }));
    return out.Items ?? [];
  }
  async remove(ownerId: string, id: string) {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: { ownerId, id } }));
  }
  async save(ownerId: string, title: string) {
    await this.client.send(new PutCommand({ TableName: this.table, Item: { ownerId, id: \`\${Date.now()}\`, title }, ConditionExpression: 'attribute_not_exists(id)' }));
  }
}
`,
    );
    write(
      `src/${name}/service.ts`,
      `import { ddb } from '../db.js';
import { ${Name}Repository } from './repository.js';
import { to${Name}Dto } from './dto.js';
export class ${Name}Service {
  constructor(private readonly repo = new ${Name}Repository(ddb)) {}
  async get(id: string) {
    const item = await this.repo.find(id);
    return item ? to${Name}Dto(item) : undefined;
  }
  async getOwned(id: string, userId: string) {
    const item = await this.repo.find(id);
    if (!item || item.ownerId !== userId) throw new Error('not found');
    return to${Name}Dto(item);
  }
  list(userId: string, status?: string) {
    return this.repo.listFor(userId, status);
  }
  remove(userId: string, id: string) {
    return this.repo.remove(userId, id);
  }
}
export const ${name}Service = new ${Name}Service();
`,
    );
    write(
      `src/${name}/routes.ts`,
      `import { Router } from 'express';
import { ${name}Service } from './service.js';
export const ${name}Router = Router();
${name}Router.get('/${name}s', async (req, res) => {
  res.json(await ${name}Service.list(req.user!.sub, typeof req.query.status === 'string' ? req.query.status : undefined));
});
${name}Router.get('/${name}s/:id', async (req, res) => {
  ${secure ? `res.json(await ${name}Service.getOwned(req.params.id, req.user!.sub));` : `res.json(await ${name}Service.get(req.params.id));`}
});
${name}Router.delete('/${name}s/:id', async (req, res) => {
  await ${name}Service.remove(${secure ? 'req.user!.sub' : 'String(req.query.owner)'}, req.params.id);
  res.sendStatus(204);
});
`,
    );
    write(
      `src/${name}/handler.ts`,
      `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ${name}Service } from './service.js';
import { ok, notFound } from '../shared/http${i % 10}.js';
export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const id = event.pathParameters?.id ?? '';
  const item = ${secure ? `await ${name}Service.getOwned(id, String(event.requestContext.authorizer?.claims.sub))` : `await ${name}Service.get(id)`};
  return item ? ok(item) : notFound();
};
`,
    );
    // Files with no DynamoDB at all: validation, formatting, plain business logic.
    write(
      `src/${name}/format.ts`,
      `import type { ${Name}Dto } from './dto.js';
export function summary(dto: ${Name}Dto): string {
  const words = dto.title.split(/\\s+/).filter(Boolean);
  return \`\${dto.id}: \${words.slice(0, ${3 + (i % 5)}).join(' ')}\${words.length > ${3 + (i % 5)} ? '…' : ''}\`;
}
export function byDate(a: ${Name}Dto, b: ${Name}Dto): number {
  return a.createdAt.localeCompare(b.createdAt);
}
`,
    );
    write(
      `src/${name}/validate.ts`,
      `export function isTitle(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= ${40 + i};
}
export function clamp(n: number, min = 0, max = ${100 + i}): number {
  return Math.min(max, Math.max(min, n));
}
`,
    );
    write(
      `src/${name}/stats.ts`,
      `export interface Stat { key: string; count: number }
export function tally(keys: readonly string[]): Stat[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);
}
`,
    );
  }
  for (let h = 0; h < 10; h++) {
    write(
      `src/shared/http${h}.ts`,
      `import type { APIGatewayProxyResult } from 'aws-lambda';
export const ok = (body: unknown): APIGatewayProxyResult => ({ statusCode: 200, body: JSON.stringify(body) });
export const notFound = (): APIGatewayProxyResult => ({ statusCode: 404, body: '' });
`,
    );
  }
  return entities * FILES_PER_ENTITY + 11;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, files, seed] = process.argv.slice(2);
  const written = generate(path.resolve(outDir), Number(files), Number(seed ?? 42));
  console.log(`wrote ${written} files to ${outDir}`);
}
