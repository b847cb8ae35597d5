import { readFileSync } from 'node:fs';
import path from 'node:path';
import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
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

// The implementing class in a file that neither the caller nor the port imports
// (`tests/fixtures/interface-provider/`: a NestJS controller, use cases that see only the ports, an
// interface and an abstract class in files of their own, the classes bound in the module's file).
const controller = path.join(fixturesDir, 'interface-provider/src/notes.controller.ts');
const fixture = readFileSync(controller, 'utf8');
const inController = (code: string) => ({ code, filename: controller });

ruleTester.run('no-unscoped-key (implementations in files the caller does not import)', auditMode(unscoped), {
  valid: [inController(fixture)],
  invalid: [
    // Through an interface injected by a token.
    {
      ...invalidAt(
        fixture.replace("this.deleteNote.execute('constant');", 'this.deleteNote.execute(id); // ✗'),
        'unscopedKey',
      ),
      filename: controller,
    },
    // Through an abstract class injected by its type.
    {
      ...invalidAt(
        fixture
          .replace(
            "import { DeleteNoteUseCase } from './delete-note.use-case.js';",
            "import { FindNoteUseCase } from './find-note.use-case.js';",
          )
          .replace('private readonly deleteNote: DeleteNoteUseCase', 'private readonly findNote: FindNoteUseCase')
          .replace(
            "@Delete(':id')\n  async remove(@Param('id') id: string): Promise<void> {\n    await this.deleteNote.execute('constant');",
            "@Get(':id')\n  async find(@Param('id') id: string): Promise<unknown> {\n    return this.findNote.execute(id); // ✗",
          ),
        'unscopedKey',
      ),
      filename: controller,
    },
  ],
});
