import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { js } from './framework-headers.js';

// A value an awilix container hands out by name is what the program registered under that name:
// `container.resolve('getNote')`, `container.cradle.getNote` and a wrapper forwarding its argument
// to `resolve` give an instance of the class registered by `asClass`, the result of the factory
// registered by `asFunction`, the value registered by `asValue`; a registered class's constructor
// receives the registrations named by its parameters (CLASSIC) or by its first parameter's
// properties (PROXY). A method called on such a value runs the registered class's method.
const ruleTester = createRuleTesterWithTypes();

const header = `${expressHeader}import { asClass, asFunction, asValue, createContainer, InjectionMode } from 'awilix';
class NotesRepository {
  async getById(id: string) { return (await ddb.send(new GetCommand({ TableName: 'notes', Key: { id } }))).Item; }
  async getFor(ownerId: string, id: string) { return (await ddb.send(new GetCommand({ TableName: 'notes', Key: { ownerId, id } }))).Item; }
}
class GetNote {
  private notes: any;
  constructor(notesRepository: any) { this.notes = notesRepository; }
  execute(id: string) { return this.notes.getById(id); }
  executeFor(ownerId: string, id: string) { return this.notes.getFor(ownerId, id); }
}
const container = createContainer({ injectionMode: InjectionMode.CLASSIC });
`;

const registered = `container.register({ notesRepository: asClass(NotesRepository), getNote: asClass(GetNote).singleton() });
`;

const route = (call: string) => `app.get('/notes/:id', async (req, res) => {
  res.json(await ${call});
});
`;

ruleTester.run('no-unscoped-key (values a container hands out by name)', auditMode(unscoped), {
  valid: [
    // The caller's own key, through the same container.
    `${header}${registered}${route("container.resolve<GetNote>('getNote').executeFor(req.user!.sub, req.params.id)")}`,
    // A name nothing is registered under runs nothing the program can see.
    `${header}${registered}${route("container.resolve<any>('otherNote').execute(req.params.id)")}`,
    // Two registrations under one name that disagree: neither is chosen.
    `${header}${registered}class Archive { execute(_id: string) { return undefined; } }
container.register('getNote', asClass(Archive));
${route("container.resolve<any>('getNote').execute(req.params.id)")}`,
  ],
  invalid: [
    // `resolve` by name; the use case's repository is injected by its parameter's name (CLASSIC).
    invalidAt(
      `${header}${registered}const getNote = container.resolve<any>('getNote');
app.get('/notes/:id', async (req, res) => {
  res.json(await getNote.execute(req.params.id)); // ✗
});
`,
      'unscopedKey',
    ),
    // The cradle's property of that name.
    invalidAt(
      `${header}${registered}app.get('/notes/:id', async (req, res) => {
  res.json(await container.cradle.getNote.execute(req.params.id)); // ✗
});
`,
      'unscopedKey',
    ),
    // A wrapper that forwards its argument to `resolve`, and `register(name, registration)`.
    invalidAt(
      `${header}container.register('notesRepository', asClass(NotesRepository));
container.register('getNote', asClass(GetNote));
class Dependencies {
  get(name: string) { return container.resolve<any>(name); }
}
const dependencies = new Dependencies();
app.get('/notes/:id', async (req, res) => {
  res.json(await dependencies.get('getNote').execute(req.params.id)); // ✗
});
`,
      'unscopedKey',
    ),
    // A factory's result (`asFunction`), and a value (`asValue`).
    invalidAt(
      `${header}const makeNotes = () => ({ find: (id: string) => ddb.send(new GetCommand({ TableName: 'notes', Key: { id } })) });
const archive = { find: (id: string) => ddb.send(new GetCommand({ TableName: 'archive', Key: { id } })) };
container.register({ notes: asFunction(makeNotes), archive: asValue(archive) });
app.get('/notes/:id', async (req, res) => {
  res.json(await container.resolve<any>('notes').find(req.params.id)); // ✗
});
app.get('/archive/:id', async (req, res) => {
  res.json(await container.resolve<any>('archive').find(req.params.id)); // ✗
});
`,
      'unscopedKey',
    ),
    // PROXY injection into a class: its constructor reads the registration from its first parameter.
    invalidAt(
      `${header}class FindNote {
  private repository: any;
  constructor({ notesRepository }: any) { this.repository = notesRepository; }
  execute(id: string) { return this.repository.getById(id); }
}
container.register({ notesRepository: asClass(NotesRepository), findNote: asClass(FindNote) });
app.get('/notes/:id', async (req, res) => {
  res.json(await container.resolve<any>('findNote').execute(req.params.id)); // ✗
});
`,
      'unscopedKey',
    ),
    // Plain JavaScript: a repository whose client is built from the SDK the container injects
    // (`asValue(AWS)`) through a base class's constructor, and a use case in a class expression.
    {
      ...invalidAt(
        `const awilix = require('awilix');
const AWS = require('aws-sdk');
class Repository {
  constructor(AWS) { this.dynamoDb = new AWS.DynamoDB.DocumentClient(); }
  getById(id) { return this.dynamoDb.get({ TableName: this.tableName, Key: { id } }).promise(); }
}
class TodosRepository extends Repository {
  constructor(AWS) { super(AWS); this.tableName = 'todos'; }
}
const GetTodo = class {
  constructor(todosRepository) { this.todosRepository = todosRepository; }
  execute(id) { return this.todosRepository.getById(id); }
};
const container = awilix.createContainer({ injectionMode: awilix.InjectionMode.CLASSIC });
container.register({ AWS: awilix.asValue(AWS), todosRepository: awilix.asClass(TodosRepository), getTodo: awilix.asClass(GetTodo) });
exports.handler = async (event) => {
  const todo = await container.resolve('getTodo').execute(event.pathParameters.id); // ✗
  return { statusCode: 200, body: JSON.stringify(todo) };
};
`,
        'unscopedKey',
      ),
      filename: js,
    },
  ],
});
