import rawItem from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A template literal holding one value and no text (`` `${TABLE}` ``, as computed `RequestItems`
 * keys are often written) names the table that value names: what the program writes to `TABLE`
 * (here nothing sensitive) is known of the items read through it, featured habits every caller sees. A template with text of its own
 * names another table, of which nothing is known.
 */
const ruleTester = createRuleTesterWithTypes();

const habits = (readAs: string) =>
  `${expressHeader}
const TABLE = process.env.HABITS_TABLE!;
app.post('/habits', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { id: crypto.randomUUID(), owner: req.user!.sub, title: String(req.body.title) } }));
  res.sendStatus(201);
});
app.get('/habits', async (req, res) => {
  const keys = ['featured', 'weekly'].map((id) => ({ id }));
  const out = await ddb.send(new BatchGetCommand({ RequestItems: { [${readAs}]: { Keys: keys } } }));
  res.json(out.Responses); // ✗
});`.replace('ScanCommand }', 'ScanCommand, BatchGetCommand }');

ruleTester.run('no-raw-item-response (table names written as templates)', rawItem, {
  valid: [habits('TABLE'), habits('`${TABLE}`')],
  invalid: [invalidAt(habits('`${TABLE}-archive`'), 'rawItem')],
});
