import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A generic wrapper whose table is a parameter (`getItem(id, tableName)`, `putItem(item,
 * tableName)`) reaches the table each call names: every call's access, and every call's write,
 * is to its own table's items. One table's evidence (orders store their owner) says nothing of
 * another's (a catalog only a seed writes), as if each call had named its table itself.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (routes: string) => `${expressHeader}
async function getItem(id: string, tableName: string) {
  const result = await ddb.send(new GetCommand({ TableName: tableName, Key: { id } }));
  return result.Item;
}
async function putItem(item: Record<string, unknown>, tableName: string) {
  await ddb.send(new PutCommand({ TableName: tableName, Item: item }));
}
export async function seed() {
  await putItem({ id: 'p1', name: 'Chair', price: 10 }, 'Product');
}
app.post('/orders', async (req, res) => {
  await putItem({ id: crypto.randomUUID(), ownerId: req.user!.sub, total: 10 }, 'Order');
  res.sendStatus(201);
});
${routes}`;

ruleTester.run('no-unscoped-key (wrappers taking the table)', rule, {
  valid: [
    // The catalog: nothing stores an owner in Product, whatever Order's writes store.
    {
      code: app(`app.get('/products/:id', async (req, res) => {
  res.json({ name: (await getItem(req.params.id, 'Product'))?.name });
});`),
    },
  ],
  invalid: [
    // Another user's order by id: Order's items are owned, through the same wrapper's write.
    invalidAt(
      app(`app.get('/orders/:id', async (req, res) => {
  res.json({ total: (await getItem(req.params.id, 'Order'))?.total }); // ✗
});`),
      'unscopedKey' as const,
    ),
  ],
});
