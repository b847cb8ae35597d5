import rawItem from '../../rules/no-raw-item-response.js';
import unscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A table name a derived class passes to its base's constructor (`super({ tableName: 'Catalog' })`,
 * stored as `this.tableName`) names that table for every access the inherited methods make on its
 * objects; `RequestItems: { Catalog: … }` (an unquoted key) and `{ [this.tableName]: … }` name it
 * as `TableName: 'Catalog'` does. So a shared catalog written and read only through such a
 * repository is recognised as shared, and another table keeps its own evidence.
 */
const ruleTester = createRuleTesterWithTypes();

const repositories = `${expressHeader}
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
class Repository {
  private readonly tableName: string;
  constructor(options: { tableName: string }) {
    this.tableName = options.tableName;
  }
  async create(item: { ownerId?: string; label?: string }) {
    await ddb.send(new PutCommand({ TableName: this.tableName, Item: { id: String(Date.now()), ownerId: item.ownerId, label: item.label } }));
  }
  async findById(id: string) {
    const out = await ddb.send(new GetCommand({ TableName: this.tableName, Key: { id } }));
    return out.Item;
  }
}
class CatalogRepository extends Repository {
  constructor() {
    super({ tableName: 'Catalog' });
  }
  async findIn(ids: string[]) {
    const out = await ddb.send(new BatchGetCommand({ RequestItems: { BATCH: { Keys: ids.map((id) => ({ id })) } } }));
    return out.Responses;
  }
}
class OrderRepository extends Repository {
  constructor() {
    super({ tableName: 'Orders' });
  }
}
const catalog = new CatalogRepository();
const orders = new OrderRepository();
app.post('/catalog', async (req, res) => {
  await catalog.create({ label: String(req.body.label) });
  res.sendStatus(204);
});
app.post('/orders', async (req, res) => {
  await orders.create({ ownerId: req.user!.sub });
  res.sendStatus(204);
});
`;
const route = (body: string) => `${repositories}app.get('/x/:id', async (req, res) => {
${body}
});`;

ruleTester.run('no-unscoped-key (tables named through a base constructor)', unscopedKey, {
  valid: [
    // The catalog's inherited read by id: a shared entity.
    route(`  res.json(await catalog.findById(req.params.id));`),
    // A batch read naming the table by an unquoted key, and by the member the base class stores.
    route(`  res.json(await catalog.findIn([req.params.id]));`).replace('BATCH', 'Catalog'),
    route(`  res.json(await catalog.findIn([req.params.id]));`).replace('BATCH', '[this.tableName]'),
  ],
  invalid: [
    // The same inherited read on the orders repository: orders belong to users.
    invalidAt(route(`  res.json(await orders.findById(req.params.id)); // ✗`), 'unscopedKey'),
    // A batch read of another table, named by an unquoted key.
    invalidAt(
      route(`  res.json(await catalog.findIn([req.params.id])); // ✗`).replace('BATCH', 'Orders'),
      'unscopedKey',
    ),
  ],
});

ruleTester.run('no-raw-item-response (tables named through a base constructor)', rawItem, {
  valid: [
    route(`  res.json(await catalog.findById(req.params.id));`),
    route(`  res.json(await catalog.findIn([req.params.id]));`).replace('BATCH', 'Catalog'),
  ],
  invalid: [
    // A batch read of a table nothing is known of, named by an unquoted key.
    invalidAt(route(`  res.json(await catalog.findIn([req.params.id])); // ✗`).replace('BATCH', 'Accounts'), 'rawItem'),
  ],
});
