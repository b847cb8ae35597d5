import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A property read on a factory's result is the value the factory's body put there, even when the
 * factory's declared type is an interface (whose property is what the checker names): a model
 * reached as `getTable().models.records` is the `table.getModel('Record')` the factory returned,
 * with its schema's key templates as evidence (recommended mode).
 */
const ruleTester = createRuleTesterWithTypes();
const app = (prefix: string, keyAttribute = 'handle') => `${expressHeader}import { Table } from 'dynamodb-onetable';
import type { Model } from 'dynamodb-onetable';
const schema = {
  format: 'onetable:1.1.0',
  version: '0.0.1',
  indexes: { primary: { hash: 'pk', sort: 'sk' } },
  models: { Record: { pk: { type: String, value: '${prefix}#\${${keyAttribute}}' }, sk: { type: String, value: 'r#' }, handle: { type: String }, body: { type: String } } },
  params: {},
} as const;
interface Tables { table: Table; models: { records: Model<{ handle: string; body: string }> } }
type GetTables = () => Tables;
const getTables: GetTables = () => {
  const table = new Table({ name: 'app', schema, partial: true });
  const records = table.getModel('Record');
  return { table, models: { records } };
};
app.post('/records', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  await getTables().models.records.create({ handle: String(req.body.handle), body: 'b' });
  res.sendStatus(201);
});
app.delete('/records/:handle', async (req, res) => {
  const tables = getTables();
  await tables.models.records.remove({ handle: req.params.handle, body: String(req.query.body) }); // ✗
  res.sendStatus(204);
});`;

ruleTester.run('no-unscoped-key (models read from a factory result typed by an interface)', unscoped, {
  valid: [
    // `page#…` records written with no owner: shared catalog data.
    app('page').replace(' // ✗', ''),
  ],
  invalid: [
    // `member#${handle}`: members' own records, deleted by the client's handle.
    invalidAt(app('member'), 'unscopedKey'),
  ],
});

/** Audit mode: the schema found through the factory names the key attributes (only `body` here). */
ruleTester.run('no-unscoped-key (key attributes of a model read from a factory result)', unscoped, {
  valid: [
    // The key template interpolates `body`, which is the caller's: the client's handle is data.
    {
      code: app('member', 'body').replace('body: String(req.query.body) }); // ✗', 'body: req.user!.sub });'),
      options: [{ evidence: 'none' }],
    },
  ],
  // The client's `body` fills the key template: it selects the item.
  invalid: [{ ...invalidAt(app('member', 'body'), 'unscopedKey'), options: [{ evidence: 'none' }] }],
});

/** A key field given whole (`pk: \`member#${handle}\``) selects the item as its template's attributes do. */
ruleTester.run('no-unscoped-key (OneTable key fields given whole)', unscoped, {
  valid: [
    {
      code: app('member').replace(
        'await tables.models.records.remove({ handle: req.params.handle, body: String(req.query.body) }); // ✗',
        'await tables.models.records.update({ pk: `member#${req.user!.sub}`, sk: "r#", body: String(req.body.text) });',
      ),
      options: [{ evidence: 'none' }],
    },
  ],
  invalid: [
    {
      ...invalidAt(
        app('member').replace(
          'await tables.models.records.remove({ handle: req.params.handle, body: String(req.query.body) }); // ✗',
          'await tables.models.records.update({ pk: `member#${req.params.handle}`, sk: "r#", body: String(req.body.text) }); // ✗',
        ),
        'unscopedKey',
      ),
      options: [{ evidence: 'none' }],
    },
  ],
});
