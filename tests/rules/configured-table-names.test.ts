import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A table named through a typed configuration object (`config.dynamo.TenantTable.tableName`,
 * typed `string`, so its text is not read) is named by the object it sits in, not by the property
 * holding the name: tenants' records are still tenants' records. A key written id first
 * (`idTenant`) names a tenant as `tenantId` does. A table whose name names no principal and whose
 * items no write ties to anyone stays shared.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (table: string, key: string) => `${expressHeader}
interface Config {
  dynamo: { TenantTable: { tableName: string }; TextTable: { tableName: string }; GlossaryTable: { tableName: string } };
}
const config: Config = {
  dynamo: { TenantTable: { tableName: 'tenants' }, TextTable: { tableName: 'texts' }, GlossaryTable: { tableName: 'glossary' } },
};
app.get('/me', (req, res) => res.json({ sub: req.user!.sub }));
app.post('/entries', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: config.dynamo.${table}.tableName, Item: { ${key}: crypto.randomUUID(), title: String(req.body.title) } }));
  res.sendStatus(201);
});
app.get('/entries/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: config.dynamo.${table}.tableName, Key: { ${key}: req.params.id } })); // ✗
  res.json({ title: out.Item?.title });
});`;

ruleTester.run('no-unscoped-key (tables named through configuration objects)', noUnscopedKey, {
  valid: [app('GlossaryTable', 'id').replace(' // ✗', ''), app('GlossaryTable', 'termId').replace(' // ✗', '')],
  invalid: [
    invalidAt(app('TenantTable', 'id'), 'unscopedKey'),
    invalidAt(app('TextTable', 'idTenant'), 'unscopedKey'),
    invalidAt(app('TextTable', 'tenantId'), 'unscopedKey'),
  ],
});
