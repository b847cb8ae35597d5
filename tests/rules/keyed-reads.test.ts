import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Reads through a DataLoader (fresh-m Lynx): `loader.load(id)` answers with the item its batch
 * function reads for `id`, so it is a read of the item `id` selects, like a `GetItem` with that key.
 * An owner or membership check on what it loaded, inline or in a helper, scopes the later writes
 * keyed by the same value (read-check-act). The loader is known by its type, or, untyped, by the
 * class its `new` names (imported or required from `dataloader`); its batch function's read names
 * the table, and a batch function the tracer cannot follow leaves the item of an unknown table.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

const typedLoader = `import DataLoader from 'dataloader';
`;
const requiredLoader = `const DataLoader = require('dataloader');
`;
/** A loader of another package with the same shape: not a modelled read. */
const otherLoader = `const DataLoader = require('batch-cache');
`;

const loaders = (loader: string) =>
  expressHeader +
  loader +
  `async function getTask(taskId: string) {
  return (await ddb.send(new GetCommand({ TableName: 'Tasks', Key: { taskId } }))).Item;
}
async function batchTasks(ids: readonly string[]) {
  return Promise.all(ids.map((id) => getTask(id)));
}
const tasksLoader = new DataLoader(batchTasks);
function createLoaders() {
  return { tasks: tasksLoader, teams: new DataLoader(async (ids: readonly string[]) => ids.map(() => undefined)) };
}
type Loaders = ReturnType<typeof createLoaders>;
`;

/** Read, check, act in the handler. */
const inline = (loader: string, loaded: string, check: string) =>
  loaders(loader) +
  `app.delete('/tasks/:id', async (req, res) => {
  const task = await tasksLoader.load(${loaded});
  if (!task) return res.status(404).end();
  ${check}
  await ddb.send(new DeleteCommand({ TableName: 'Tasks', Key: { taskId: req.params.id } })); // ✗
  res.status(204).end();
});`;

/** The check inside a helper that loads through the loaders of a context object. */
const helper = (loader: string, check: string) =>
  loaders(loader) +
  `async function checkTaskOwner(context: { loaders: Loaders; user: { sub: string } }, taskId: string) {
  const task = await context.loaders.tasks.load(taskId);
  if (!task) throw new Error('Task Does Not Exist');
  ${check}
  return task;
}
app.delete('/tasks/:id', async (req, res) => {
  await checkTaskOwner({ loaders: createLoaders(), user: req.user! }, req.params.id);
  await ddb.send(new DeleteCommand({ TableName: 'Tasks', Key: { taskId: req.params.id } })); // ✗
  res.status(204).end();
});`;

const ownerCheck = `if (task.ownerId !== req.user?.sub) return res.status(403).end();`;
const helperOwnerCheck = `if (task.ownerId !== context.user.sub) throw new Error('Not Task Owner');`;
const memberCheck = `if (!(task.members as string[]).includes(context.user.sub)) throw new Error('Not A Member');`;

ruleTester.run('no-unscoped-key (reads through a DataLoader)', noUnscopedKey, {
  valid: [
    // Typed loader: an owner check on the loaded item, in the handler or in a helper.
    { code: quiet(inline(typedLoader, 'req.params.id', ownerCheck)), options: audit },
    { code: quiet(helper(typedLoader, helperOwnerCheck)), options: audit },
    { code: quiet(helper(typedLoader, memberCheck)), options: audit },
    // Untyped (required) loader: the class its `new` names is the package's.
    { code: quiet(inline(requiredLoader, 'req.params.id', ownerCheck)), options: audit },
    { code: quiet(helper(requiredLoader, helperOwnerCheck)), options: audit },
    // A loader whose batch function reads nothing the tracer follows: an item of an unknown table.
    {
      code: quiet(
        loaders(typedLoader) +
          `app.delete('/teams/:id', async (req, res) => {
  const team = await createLoaders().teams.load(req.params.id);
  if (!team || team.ownerId !== req.user?.sub) return res.status(403).end();
  await ddb.send(new DeleteCommand({ TableName: 'Teams', Key: { teamId: req.params.id } }));
  res.status(204).end();
});`,
      ),
      options: audit,
    },
    // `loadMany`: the items of the keys, in order.
    {
      code: quiet(
        loaders(typedLoader) +
          `app.delete('/tasks/:id', async (req, res) => {
  const [task] = await tasksLoader.loadMany([req.params.id]);
  if (!task || task instanceof Error || task.ownerId !== req.user?.sub) return res.status(403).end();
  await ddb.send(new DeleteCommand({ TableName: 'Tasks', Key: { taskId: req.params.id } }));
  res.status(204).end();
});`,
      ),
      options: audit,
    },
  ],
  invalid: [
    // No check after the load: it only proves the item exists.
    { ...invalidAt(inline(typedLoader, 'req.params.id', ''), 'unscopedKey'), options: audit },
    { ...invalidAt(helper(typedLoader, ''), 'unscopedKey'), options: audit },
    // The check compares the item with a value the client sent.
    {
      ...invalidAt(
        inline(typedLoader, 'req.params.id', `if (task.ownerId !== req.body.owner) return res.status(403).end();`),
        'unscopedKey',
      ),
      options: audit,
    },
    // The item loaded and checked is another one than the item written.
    {
      ...invalidAt(inline(typedLoader, 'String(req.query.other)', ownerCheck), 'unscopedKey'),
      options: audit,
    },
    // A loader of another package, of the same shape, reads nothing the guards know.
    { ...invalidAt(inline(otherLoader, 'req.params.id', ownerCheck), 'unscopedKey'), options: audit },
    { ...invalidAt(helper(otherLoader, helperOwnerCheck), 'unscopedKey'), options: audit },
  ],
});
