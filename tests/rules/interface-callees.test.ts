import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';

// A method called through an interface or abstract type runs one of the program's classes that
// implement it: an IDOR behind a repository interface (`repository: TodoRepository`, implemented
// by `DynamoTodoRepository`) is the implementation's access.
const ruleTester = createRuleTesterWithTypes();

const repository = (extra = '') => `${expressHeader}interface Todo { userId: string; id: string; title: string }
interface TodoRepository { get(userId: string, id: string): Promise<Todo | undefined> }
class DynamoTodoRepository implements TodoRepository {
  async get(userId: string, id: string) {
    const out = await ddb.send(new GetCommand({ TableName: 'todos', Key: { userId, id } }));
    return out.Item as Todo | undefined;
  }
}
${extra}`;

ruleTester.run('no-unscoped-key (calls through interfaces)', auditMode(unscoped), {
  valid: [
    // The caller's own key through the interface.
    `${repository()}export const todoController = (repository: TodoRepository) => {
  app.get('/todos/:id', async (req, res) => { res.json(await repository.get(req.user!.sub, req.params.id)); });
};
`,
    // Two implementations: the call runs one of them, and neither is chosen.
    `${repository(`class MemoryTodoRepository implements TodoRepository { async get(userId: string, id: string) { return undefined; } }
`)}export const todoController = (repository: TodoRepository) => {
  app.get('/todos/:owner/:id', async (req, res) => { res.json(await repository.get(req.params.owner, req.params.id)); });
};
`,
  ],
  invalid: [
    invalidAt(
      `${repository()}export const todoController = (repository: TodoRepository) => {
  app.get('/todos/:owner/:id', async (req, res) => {
    res.json(await repository.get(req.params.owner, req.params.id)); // ✗✗
  });
};
`,
      'unscopedKey',
    ),
    // An abstract class's method, implemented by one subclass.
    invalidAt(
      `${expressHeader}abstract class Notes { abstract find(id: string): Promise<unknown> }
class DynamoNotes extends Notes {
  async find(id: string) { return (await ddb.send(new GetCommand({ TableName: 'notes', Key: { id } }))).Item; }
}
export const routes = (notes: Notes) => {
  app.get('/notes/:id', async (req, res) => { res.json(await notes.find(req.params.id)); }); // ✗
};
`,
      'unscopedKey',
    ),
  ],
});
