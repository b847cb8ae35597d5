import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A put whose whole `Item` is a parameter (`save(item)`, a repository's `create(item)` that hands
 * `{ TableName, Item: item }` to a client wrapper of its own) is keyed by the attributes of the item
 * each caller builds, not by every value in it: `{ id: randomUUID(), title: body.title }` names a
 * fresh item whatever the title, while `{ id: body.id, … }` lets the client choose which item it
 * overwrites. The audit mode (`evidence: 'none'`) is used so that only the key decides.
 */
const ruleTester = createRuleTesterWithTypes();
const options = [{ evidence: 'none' }] as const;

const code = (item: string, mark = '') => `${expressHeader}
class Db {
  put(params: { TableName: string; Item: unknown }) {
    return ddb.send(new PutCommand(params));
  }
}
class Repository<T> {
  private readonly db = new Db();
  constructor(private readonly tableName: string) {}
  async create(item: T) {
    const params = { TableName: this.tableName, Item: item };
    await this.db.put(params);
  }
}
async function save(item: Record<string, unknown>) {
  await ddb.send(new PutCommand({ TableName: String(process.env.TODOS), Item: item }));
}
const todos = new Repository<Record<string, unknown>>(String(process.env.TODOS));
app.post('/todos', async (req, res) => {
  await save(${item});${mark}
  await todos.create(${item});${mark}
  res.sendStatus(201);
});`;

ruleTester.run('no-unscoped-key (items passed as parameters)', noUnscopedKey, {
  valid: [
    // A fresh id keys the item; the client only fills other attributes.
    { code: code('{ id: crypto.randomUUID(), title: String(req.body.title) }'), options },
    { code: code('{ pk: `TODO#${crypto.randomUUID()}`, title: req.body.title, done: !!req.body.done }'), options },
  ],
  invalid: [
    // The client's id keys the item: it may overwrite anyone's, directly or through two helpers.
    { ...invalidAt(code('{ id: req.body.id, title: String(req.body.title) }', ' // ✗'), 'unscopedKey'), options },
    // An item the handler cannot see into (the body itself) is chosen whole by the client.
    { ...invalidAt(code('req.body', ' // ✗'), 'unscopedKey'), options },
  ],
});
