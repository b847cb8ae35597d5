import injectionRule from '../../rules/no-expression-injection.js';
import unscopedRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/**
 * Links of real flows (issue 15): keys built by entity classes, arrays built by push, overwritten
 * properties, request property names spliced into expressions. Each with a safe look-alike.
 */
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import { randomUUID } from 'node:crypto';
import { ExecuteTransactionCommand, TransactWriteCommand, BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
`;
const code = (body: string) => header + body;
/** Audit mode: these cases are about the flow, not about the evidence that an entity is owned. */
const audit = [{ evidence: 'none' as const }] as [{ evidence: 'none' }];
const unscoped = (body: string) => ({ ...invalidAt(code(body), 'unscopedKey' as const), options: audit });

const entities = `
abstract class Entity {
  abstract get pk(): string;
  abstract get sk(): string;
  keys() {
    return { PK: this.pk, SK: this.sk };
  }
}
class Photo extends Entity {
  constructor(public username: string, readonly photoId: string) {
    super();
  }
  get pk() {
    return \`UP#\${this.username}\`;
  }
  get sk() {
    return 'PHOTO#' + this.photoId;
  }
}
class Profile extends Entity {
  private readonly owner: string;
  constructor(owner: string) {
    super();
    this.owner = owner;
  }
  get pk() {
    return \`USER#\${this.owner}\`;
  }
  get sk() {
    return 'PROFILE';
  }
}
class SharedPhoto extends Photo {
  constructor(id: string) {
    super('shared', id);
  }
}
async function load(entity: Entity) {
  return ddb.send(new GetCommand({ TableName: 'photos', Key: entity.keys() }));
}
`;

ruleTester.run('no-unscoped-key (flow links)', unscopedRule, {
  valid: [
    // The entity's partition key getter reads the caller, set in its constructor.
    code(`${entities}
app.get('/me', async (req, res) => {
  const profile = new Profile(req.user!.sub);
  res.json((await load(profile)).Item?.name);
});`),
    // A constructor parameter property given the caller; the sort key from the client is a mix, not an IDOR.
    code(`${entities}
app.get('/me/photos/:id', async (req, res) => {
  const photo = new Photo(req.user!.sub, req.params.id);
  res.json((await load(photo)).Item?.url);
});`),
    // A subclass passes a constant owner to its base through super(...).
    code(`${entities}
app.get('/shared/photos/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'photos', Key: { PK: new SharedPhoto(req.params.id).pk, SK: 'x' } }));
  res.json(out.Item?.url);
});`),
    // Transaction items pushed with the caller's key.
    code(`
app.post('/notes/archive', async (req, res) => {
  const items: { Delete: { TableName: string; Key: Record<string, string> } }[] = [];
  items.push({ Delete: { TableName: 'notes', Key: { ownerId: req.user!.sub } } });
  await ddb.send(new TransactWriteCommand({ TransactItems: items }));
  res.end();
});`),
    // A server-made id overwrites the client's before the put (a strong update).
    code(`
app.get('/things/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'things', Key: { id: req.user!.sub } }));
  res.json(out.Item?.name);
});
app.post('/things', async (req, res) => {
  const thing = req.body as { id: string; name: string };
  thing.id = randomUUID();
  await ddb.send(new PutCommand({ TableName: 'things', Item: thing }));
  await ddb.send(new PutCommand({ TableName: 'things', Item: { id: thing.id, name: thing.name } }));
  res.end();
});`),
    // A class parses the body into a field, then overwrites the owner and id with the caller and the
    // path id; another method reads them (a strong update of the field's properties).
    code(`
app.get('/things/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'things', Key: { ownerId: req.user!.sub, id: req.params.id } }));
  res.json(out.Item?.name);
});
class UpdateThing {
  private input!: { id: string; ownerId: string; name: string };
  parse(req: Request) {
    this.input = req.body as { id: string; ownerId: string; name: string };
    this.input.ownerId = req.user!.sub;
    this.input.id = randomUUID();
  }
  async run() {
    await ddb.send(new GetCommand({ TableName: 'things', Key: { id: this.input.id, ownerId: this.input.ownerId } }));
  }
}
app.put('/things/:id', async (req, res) => {
  const handler = new UpdateThing();
  handler.parse(req);
  await handler.run();
  res.end();
});`),
  ],
  invalid: [
    // The client picks the username of an entity whose inherited keys() reads the subclass's getters.
    unscoped(`${entities}
app.get('/photos/:user/:id', async (req, res) => {
  const photo = new Photo(req.params.user, req.params.id);
  res.json((await load(photo)).Item?.url); // ✗
});`),
    // The same through a constructor assignment, read by a getter.
    unscoped(`${entities}
app.get('/profiles/:user', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'photos', Key: new Profile(req.params.user).keys() })); // ✗
  res.json(out.Item?.name);
});`),
    // Transaction items, batch keys and index assignments built up one by one.
    unscoped(`
app.post('/notes/archive', async (req, res) => {
  const items: { Delete: { TableName: string; Key: Record<string, string> } }[] = [];
  items.push({ Delete: { TableName: 'notes', Key: { ownerId: req.body.owner } } }); // ✗
  await ddb.send(new TransactWriteCommand({ TransactItems: items }));
  const keys: Record<string, string>[] = [];
  keys[0] = { id: req.body.first }; // ✗
  keys.unshift({ id: req.body.second }); // ✗
  await ddb.send(new BatchGetCommand({ RequestItems: { notes: { Keys: keys } } }));
  res.end();
});`),
    // The overwrite runs only sometimes: the client's id still reaches the put.
    unscoped(`
app.get('/things/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'things', Key: { id: req.user!.sub } }));
  res.json(out.Item?.name);
});
app.post('/things', async (req, res) => {
  const thing = req.body as { id: string; name: string };
  if (req.query.fresh) thing.id = randomUUID();
  await ddb.send(new PutCommand({ TableName: 'things', Item: { id: thing.id, name: thing.name } })); // ✗
  res.end();
});`),
    // The field's owner is overwritten only in some runs, and a server-made field gets a property from the
    // request: the client's values reach the keys.
    unscoped(`
class UpdateThing {
  private input!: { id: string; ownerId: string; name: string };
  private draft!: { id: string; name: string };
  parse(req: Request) {
    this.input = req.body as { id: string; ownerId: string; name: string };
    if (req.query.mine) this.input.ownerId = req.user!.sub;
    this.draft = { id: randomUUID(), name: 'draft' };
    this.draft.name = req.params.id;
  }
  async run() {
    await ddb.send(new GetCommand({ TableName: 'things', Key: { ownerId: this.input.ownerId } })); // ✗
    await ddb.send(new DeleteCommand({ TableName: 'things', Key: { id: this.draft.name } })); // ✗
  }
}
app.put('/things/:id', async (req, res) => {
  const handler = new UpdateThing();
  handler.parse(req);
  await handler.run();
  res.end();
});`),
  ],
});

const injection = (body: string) => injectionsAt(code(body));

ruleTester.run('no-expression-injection (flow links)', injectionRule, {
  valid: [
    // Statements pushed with the value bound as a parameter.
    code(`
app.post('/tx', async (req, res) => {
  const statements: { Statement: string; Parameters?: unknown[] }[] = [];
  statements.push({ Statement: 'DELETE FROM notes WHERE id = ?', Parameters: [req.body.id] });
  await ddb.send(new ExecuteTransactionCommand({ TransactStatements: statements }));
  res.end();
});`),
    // Attribute names from a constant list, not from the body's keys.
    code(`
const FIELDS = ['title', 'body'] as const;
app.patch('/notes', async (req, res) => {
  const sets: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  FIELDS.forEach((field) => {
    sets.push(\`#\${field} = :\${field}\`);
    names[\`#\${field}\`] = field;
    values[\`:\${field}\`] = (req.body as Record<string, unknown>)[field];
  });
  await ddb.send(new UpdateCommand({ TableName: 'notes', Key: { ownerId: req.user!.sub }, UpdateExpression: \`SET \${sets.join(', ')}\`, ExpressionAttributeNames: names, ExpressionAttributeValues: values }));
  res.end();
});`),
  ],
  invalid: [
    // A PartiQL statement built with client text, pushed into the transaction's statements.
    injection(`
app.post('/tx', async (req, res) => {
  const statements: { Statement: string }[] = [];
  statements.push({ Statement: \`DELETE FROM notes WHERE id = '\${req.body.id}'\` }); // ✗ statement
  await ddb.send(new ExecuteTransactionCommand({ TransactStatements: statements }));
  res.end();
});`),
    // The body's property names (Object.entries) become attribute names in the update expression.
    injection(`
app.patch('/notes', async (req, res) => {
  const sets: string[] = [];
  const values: Record<string, unknown> = {};
  Object.entries(req.body as Record<string, unknown>).forEach(([key, value]) => {
    sets.push(\`\${key} = :\${key}\`);
    values[\`:\${key}\`] = value; // ✗ placeholder
  });
  const expression = \`SET \${sets.join(', ')}\`;
  await ddb.send(new UpdateCommand({ TableName: 'notes', Key: { ownerId: req.user!.sub }, UpdateExpression: expression, ExpressionAttributeValues: values })); // ✗ expression
  res.end();
});`),
  ],
});
