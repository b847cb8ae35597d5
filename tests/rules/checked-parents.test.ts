import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Nested resources: an item the code proved the caller's (read by a route value, then checked
 * against the caller: owner or member) stands for the caller. Children created under it
 * (`projectId: project.id`) belong to the caller through it, so a child read by its own id with
 * nothing tying it to the caller is an IDOR, and a child compared with the checked parent
 * (`task.projectId !== project.id` → exit) is scoped by that comparison. A parent that was only
 * read, or checked only for existence, proves nothing.
 */
const ruleTester = createRuleTesterWithTypes();

const app = ({
  parentCheck = 'if (!project || !project.members.includes(req.user.sub)) return res.status(403).end();',
  childCheck = 'if (!task || task.projectId !== project.id) return res.status(404).end();',
} = {}) => `import express from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
declare global { namespace Express { interface User { sub: string } } }
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const router = express.Router();
interface Project { id: string; members: string[]; ownerId: string }
interface Task { id: string; projectId: string; title: string }
async function getProject(id: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Projects', Key: { id } }));
  return out.Item as Project | undefined;
}
router.post('/projects', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Projects', Item: { id: crypto.randomUUID(), ownerId: req.user.sub, members: [req.user.sub] } }));
  res.status(201).end();
});
router.post('/projects/:projectId/tasks', async (req, res) => {
  const project = await getProject(req.params.projectId);
  ${parentCheck}
  await ddb.send(new PutCommand({ TableName: 'Tasks', Item: { id: crypto.randomUUID(), projectId: project.id, title: String(req.body.title) } }));
  res.status(201).end();
});
router.get('/projects/:projectId/tasks/:taskId', async (req, res) => {
  const project = await getProject(req.params.projectId);
  ${parentCheck}
  const out = await ddb.send(new GetCommand({ TableName: 'Tasks', Key: { id: req.params.taskId } }));
  const task = out.Item as Task | undefined;
  ${childCheck}
  res.json({ title: task.title });
});
router.get('/tasks/:taskId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tasks', Key: { id: req.params.taskId } }));
  res.json({ title: (out.Item as Task | undefined)?.title });
});
export default router;`;

const nestedRead = 'Key: { id: req.params.taskId } }));\n  const task';
const markNested = (code: string) => code.replace(nestedRead, nestedRead.replace('}));', '})); // ✗'));
const standaloneRead =
  "router.get('/tasks/:taskId', async (req, res) => {\n  const out = await ddb.send(new GetCommand({ TableName: 'Tasks', Key: { id: req.params.taskId } }));";
const markStandalone = (code: string) => code.replace(standaloneRead, `${standaloneRead} // ✗`);

ruleTester.run('no-unscoped-key (children of a parent checked against the caller)', noUnscopedKey, {
  valid: [
    // A parent checked only for existence proves nothing of the caller: tasks created under it store
    // nothing of a caller (shared items in recommended), and the project reads disclose only that
    // the project exists (its id is the route value that selected it).
    app({
      parentCheck: 'if (!project) return res.status(404).end();',
      childCheck: 'if (!task) return res.status(404).end();',
    }),
  ],
  invalid: [
    // Tasks are created only under a project the caller is a member of: a task read by its own id
    // with nothing tying it to the caller reaches other projects' tasks; the nested route's
    // comparison with the checked project scopes its read.
    invalidAt(markStandalone(app()), 'unscopedKey'),
    // An owner check on the parent works the same.
    invalidAt(
      markStandalone(app({ parentCheck: 'if (project?.ownerId !== req.user.sub) return res.status(403).end();' })),
      'unscopedKey',
    ),
    // The nested route compares the task with a project it never checked: its read is not scoped
    // (the other project's read itself only tells whether it exists).
    invalidAt(
      markNested(
        markStandalone(
          app({
            childCheck:
              'const other = await getProject(String(req.query.other)); if (!task || task.projectId !== other?.id) return res.status(404).end();',
          }),
        ),
      ),
      'unscopedKey',
    ),
    // A check of the project read by `req.params.projectId` says nothing of the task that
    // `req.params.taskId` names: with no check of the task, the nested read is reported too.
    {
      ...invalidAt(
        markNested(markStandalone(app({ childCheck: 'if (!task) return res.status(404).end();' }))),
        'unscopedKey',
      ),
      options: [{ evidence: 'none' }],
    },
  ],
});
