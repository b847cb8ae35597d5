import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportsWithRootProject, temporaryRootProject } from '../root-project.js';

/**
 * Two repositories linted as one program (an auditor's folder of checkouts, a corpus scan): each is
 * an app of its own, so a table name written as a constant in one says nothing of the other's
 * table of that name. A monorepo's packages, under a root `package.json`, are one app.
 */
const { root, write } = temporaryRootProject('separate-repositories-');

const caller = `declare global {
  namespace Express {
    interface Request {
      user?: { sub: string };
    }
  }
}
`;
const header = `import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
${caller}
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const router = Router();
`;
/** Notes that belong to their authors: each stores the caller as its owner. */
const ownedNotes = `${header}
router.post('/', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { id: randomUUID(), ownerId: req.user!.sub, text: String(req.body.text) } }));
  res.sendStatus(201);
});
`;
/** A note read by id for anyone signed in. */
const readNote = `router.get('/:id', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } }));
  return res.json({ text: out.Item?.text });
});
`;
/** A board's notes everyone signed in shares: nothing stores an owner. */
const sharedNotes = `${header}
router.post('/', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { id: randomUUID(), text: String(req.body.text) } }));
  res.sendStatus(201);
});

${readNote}`;

write('board/package.json', '{ "name": "board" }');
write('board/src/notes.ts', sharedNotes);
write('journal/package.json', '{ "name": "journal" }');
write('journal/src/notes.ts', ownedNotes);
// One monorepo: its packages' `Notes` is one table, owned by what the api package stores.
write('mono/package.json', '{ "name": "mono", "private": true, "workspaces": ["packages/*"] }');
write('mono/packages/web/package.json', '{ "name": "web" }');
write('mono/packages/web/src/notes.ts', `${header}\n${readNote}`);
write('mono/packages/api/package.json', '{ "name": "api" }');
write('mono/packages/api/src/notes.ts', ownedNotes);

// Two repositories extracted without their package.json (only their source folders), beside the others.
write('extracted-board/src/notes.ts', sharedNotes);
write('extracted-journal/src/notes.ts', ownedNotes);

// An app with no users that scans whichever table the path names and sends the items back.
write('table-browser/package.json', '{ "name": "table-browser" }');
write(
  'table-browser/src/tables.ts',
  `import { Router } from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const router = Router();
router.get('/:table', async (req, res) => {
  const out = await ddb.send(new ScanCommand({ TableName: req.params.table }));
  res.json(out.Items);
});
`,
);

describe('constant table names in a program of several repositories', () => {
  it("does not judge a repository's table by another repository's table of the same name", async () => {
    expect(await reportsWithRootProject(root, path.join(root, 'board/src/notes.ts'), 'recommended')).toEqual([
      '23 dynamodb-security/no-unvalidated-input',
    ]);
  });

  it('keeps repositories without a package.json apart when they sit beside packages', async () => {
    expect(await reportsWithRootProject(root, path.join(root, 'extracted-board/src/notes.ts'), 'recommended')).toEqual([
      '23 dynamodb-security/no-unvalidated-input',
    ]);
  });

  it('reports the items of a table the client names, even in an app with no users', async () => {
    expect(await reportsWithRootProject(root, path.join(root, 'table-browser/src/tables.ts'), 'recommended')).toEqual([
      '7 dynamodb-security/no-expression-injection',
      '8 dynamodb-security/no-raw-item-response',
    ]);
  });

  it("judges a monorepo package's table by its sibling packages' use of the same name", async () => {
    expect(
      await reportsWithRootProject(root, path.join(root, 'mono/packages/web/src/notes.ts'), 'recommended'),
    ).toEqual(['18 dynamodb-security/no-unscoped-key']);
  });
});
