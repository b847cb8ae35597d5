import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

// A put of a whole object built by a class's constructor (`Item: todo`, `todo = new Todo(name,
// req.user.sub)`, whose constructor stores `this.userId = userId`) writes each field with the value
// the constructor stored there, as an `Item` literal would: a field stored from the caller is the
// evidence that the table's items belong to users (`recommended`), so a read by a client's id is an IDOR.
const ruleTester = createRuleTesterWithTypes();

const app = (owner: string) => `${expressHeader}class Todo {
  id: string | null;
  name: string;
  userId: string;
  constructor(name: string, userId: string) {
    this.id = null;
    this.name = name;
    this.userId = userId;
  }
}
class TodosRepository {
  async add(item: Todo) {
    item.id = String(Date.now());
    await ddb.send(new PutCommand({ TableName: 'todos', Item: item }));
    return item;
  }
  async getById(id: string) { return (await ddb.send(new GetCommand({ TableName: 'todos', Key: { id } }))).Item; }
}
const todos = new TodosRepository();
app.post('/todos', async (req, res) => {
  res.json(await todos.add(new Todo(String(req.body.name), ${owner})));
});
app.get('/todos/:id', async (req, res) => {
  res.json(await todos.getById(req.params.id));
});
`;

ruleTester.run('no-unscoped-key (items written as class instances)', unscoped, {
  valid: [
    // The constructor stores no caller: nothing shows the todos belong to anyone.
    app("'shared'"),
  ],
  invalid: [
    invalidAt(
      app('req.user!.sub').replace(
        'res.json(await todos.getById(req.params.id));',
        'res.json(await todos.getById(req.params.id)); // ✗',
      ),
      'unscopedKey',
    ),
  ],
});
