import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pathological inputs the rules must lint in bounded time without overflowing the stack. */
export const hostileDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '.hostile');

const header = `import { Router } from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const router = Router();
`;

/** A key nested `depth` parentheses deep, a `depth`-term concatenation, and a `depth`-operand condition. */
export function deepNesting(depth: number): string {
  return `${header}router.get('/x/:id', async (req, res) => {
  const key = ${'('.repeat(depth)}req.params.id${" + 'x')".repeat(depth)};
  const long = req.params.id${" + 'y'".repeat(depth)};
  if (${Array.from({ length: depth }, (_, i) => `key !== 'k${i}'`).join(' && ')}) return res.sendStatus(400);
  res.json((await ddb.send(new GetCommand({ TableName: 'T', Key: { id: key, sk: long } }))).Item);
});
`;
}

export const hostileCases: Record<string, () => string> = {
  /** 5,000-deep nested expressions: parenthesised, a left-deep concatenation, a 5,000-operand guard. */
  'deep-nesting': () => deepNesting(5000),
  /** A 20,000-statement assignment chain feeding a sink. */
  'assignment-chain': () => {
    const lines = ['  const v0 = req.params.id;'];
    for (let i = 1; i <= 20_000; i++) lines.push(`  const v${i} = v${i - 1};`);
    return `${header}router.get('/x/:id', async (req, res) => {
${lines.join('\n')}
  res.json((await ddb.send(new GetCommand({ TableName: 'T', Key: { id: v20000 } }))).Item);
});
`;
  },
  /** 1,000 mutually recursive functions, one of which reaches a sink. */
  'mutual-recursion': () => {
    const fns: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const next = (i + 1) % 1000;
      fns.push(`export async function f${i}(id: string, n: number): Promise<unknown> {
  if (n > 0) return f${next}(id, n - 1);
  return ${i === 999 ? `(await ddb.send(new GetCommand({ TableName: 'T', Key: { id } }))).Item` : `f${next}(id + '${i}', n)`};
}`);
    }
    return `${header}${fns.join('\n')}
router.get('/x/:id', async (req, res) => {
  res.json(await f0(req.params.id, 3));
});
`;
  },
  /** A 2 MB object literal used as the input. */
  'huge-object': () => {
    const members: string[] = [];
    for (let i = 0, size = 0; size < 2_000_000; i++) {
      const member = `k${i}: 'value-${i}-${'x'.repeat(8)}'`;
      members.push(member);
      size += member.length + 2;
    }
    return `${header}router.get('/x/:id', async (req, res) => {
  const params = { TableName: 'T', Key: { id: req.params.id, ${members.join(', ')} } };
  res.json((await ddb.send(new GetCommand(params))).Item);
});
`;
  },
  /** A template literal with 10,000 interpolations. */
  'huge-template': () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? '${req.params.id}' : '${req.query.q}')).join('-');
    return `${header}router.get('/x/:id', async (req, res) => {
  const key = \`${parts}\`;
  res.json((await ddb.send(new GetCommand({ TableName: 'T', Key: { id: key } }))).Item);
});
`;
  },
};

/**
 * Writes every case into a typed project of its own under `tests/.hostile/<case>/`, so that one
 * case that defeats the TypeScript parser itself cannot take the others down with it.
 */
export function writeHostileProject(): string[] {
  return Object.entries(hostileCases).map(([name, make]) => {
    const dir = path.join(hostileDir, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['*.ts'],
      }),
    );
    const file = path.join(dir, 'case.ts');
    fs.writeFileSync(file, make());
    return file;
  });
}
