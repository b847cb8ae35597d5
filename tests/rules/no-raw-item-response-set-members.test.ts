import baseRule from '../../rules/no-raw-item-response.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A response object filled member by member (`const page = {}; page.data = out.Items; res.json(page)`)
 * holds what was set in it, as the literal `{ data: out.Items }` does; members that hold only parts
 * of the result (a count, the last key) send no item.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const list = (set: string) => `${expressHeader}
type Page = { count?: number; lastKey?: unknown; data?: unknown };
app.get('/notes', async (req, res) => {
  const out = await ddb.send(new ScanCommand({ TableName: 'Notes' }));
  const page = {} as Page;
  page.count = out.Count;
  page.lastKey = out.LastEvaluatedKey;
${set}
  res.json(page);${set ? ' // ✗' : ''}
});`;

ruleTester.run('no-raw-item-response (members set on a response object)', rule, {
  valid: [list(''), list(`  page.data = out.Items?.map((note) => note.title);`)],
  invalid: [
    invalidAt(list(`  page.data = out.Items;`), 'rawItem'),
    invalidAt(list(`  if (out.Items) page.data = out.Items;`), 'rawItem'),
  ],
});
