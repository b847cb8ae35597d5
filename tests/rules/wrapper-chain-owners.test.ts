import unscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Models that write through a chain of wrappers: a base class whose field starts `null` and whose
 * constructor stores the table its subclass passes to `super(…)`, an `add(item)` that hands
 * `{ TableName: this.tableName, Item: item }` to a `save(params)` helper, and a controller that
 * spreads what its route passes into the item. The constructor's assignment names the table (it
 * runs after the field initializer), and the owner the route puts in the spread object is stored
 * in that table's items, however many wrappers the item passes through.
 */
const ruleTester = createRuleTesterWithTypes();

const models = (tripOwner: string) => `${expressHeader}
import { randomUUID } from 'node:crypto';
import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';
const save = (params: { TableName: string | null; Item: Record<string, unknown> }) =>
  ddb.send(new PutCommand(params as PutCommandInput));
class BaseModel {
  tableName: string | null = null;
  constructor(tableName: string) {
    this.tableName = tableName;
  }
  add(item: Record<string, unknown>) {
    const params = { TableName: this.tableName, Item: item };
    return save(params);
  }
  async get(id: string) {
    const out = await ddb.send(new GetCommand({ TableName: this.tableName!, Key: { id } }));
    return out.Item;
  }
}
class CatalogModel extends BaseModel {
  constructor() {
    super('Catalog');
  }
}
class TripModel extends BaseModel {
  constructor() {
    super('Trips');
  }
}
const createTrip = (data: Record<string, unknown>) => new TripModel().add({ ...data, id: randomUUID(), createdAt: Date.now() });
app.post('/trips', async (req, res) => {
  await createTrip({ title: String(req.body.title), ${tripOwner} });
  res.sendStatus(201);
});
app.post('/catalog', async (req, res) => {
  await new CatalogModel().add({ id: randomUUID(), label: String(req.body.label) });
  res.sendStatus(201);
});
`;
const withRoute = (tripOwner: string, body: string) => `${models(tripOwner)}app.get('/x/:id', async (req, res) => {
${body}
});`;
const owned = 'ownerId: req.user!.sub';

ruleTester.run('no-unscoped-key (owners stored through a chain of wrappers)', unscopedKey, {
  valid: [
    // The catalog is its own entity, written with no owner: shared, though trips are owned.
    withRoute(owned, `  res.json(await new CatalogModel().get(req.params.id));`),
    // Trips whose route stores no principal are shared too.
    withRoute('source: "web"', `  res.json(await new TripModel().get(req.params.id));`),
  ],
  invalid: [
    // Trips record their owner three calls away from the put: a read by a client id is an IDOR.
    invalidAt(withRoute(owned, `  res.json(await new TripModel().get(req.params.id)); // ✗`), 'unscopedKey'),
    // The same owner passed as a variable the route builds.
    invalidAt(
      withRoute(owned, `  res.json(await new TripModel().get(req.params.id)); // ✗`).replace(
        `await createTrip({ title: String(req.body.title), ${owned} });`,
        `const trip = { title: String(req.body.title), ${owned} };\n  await createTrip(trip);`,
      ),
      'unscopedKey',
    ),
  ],
});
