import raw from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * ElectroDB reads return only the attributes the `attributes` execution option lists
 * (`.go({ attributes: ['a', 'b'] })` on get, query and scan): a projection, not a raw item. A list
 * the client chooses, or an empty one, projects nothing.
 */
const ruleTester = createRuleTesterWithTypes();
const electro = `${expressHeader}import { Entity } from 'electrodb';
const Notes = new Entity({
  model: { entity: 'note', version: '1', service: 'app' },
  attributes: { ownerId: { type: 'string' }, noteId: { type: 'string' }, text: { type: 'string' }, secret: { type: 'string' } },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['ownerId'] }, sk: { field: 'sk', composite: ['noteId'] } },
  },
}, { table: 'app', client: ddb });
`;
const route = (body: string) => `${electro}app.get('/notes/:id', async (req, res) => {
${body}
});`;

ruleTester.run('no-raw-item-response (ElectroDB attributes option)', auditMode(raw), {
  valid: [
    route(`  const out = await Notes.get({ ownerId: req.user!.sub, noteId: req.params.id }).go({ attributes: ['noteId', 'text'] });
  res.json(out.data);`),
    route(`  const out = await Notes.query.primary({ ownerId: req.user!.sub }).go({ attributes: ['noteId', 'text'] });
  res.json(out.data);`),
    route(`  const out = await Notes.scan.go({ attributes: ['noteId'] });
  res.json(out.data);`),
    route(`  const out = await Notes.query.primary({ ownerId: req.user!.sub }).begins({ noteId: 'n' }).go({ attributes: ['noteId', 'text'], pages: 'all' });
  res.json(out.data);`),
    // A constant list, and options built beside the call.
    `${electro}const PUBLIC = ['noteId', 'text'] as const;
app.get('/notes/:id', async (req, res) => {
  const out = await Notes.get({ ownerId: req.user!.sub, noteId: req.params.id }).go({ attributes: PUBLIC });
  res.json(out.data);
});`,
    route(`  const options = { attributes: ['noteId', 'text'] } as const;
  const out = await Notes.get({ ownerId: req.user!.sub, noteId: req.params.id }).go(options);
  res.json(out.data);`),
  ],
  invalid: [
    invalidAt(
      route(`  const out = await Notes.get({ ownerId: req.user!.sub, noteId: req.params.id }).go();
  res.json(out.data); // ✗`),
      'rawItem',
    ),
    invalidAt(
      route(`  const out = await Notes.query.primary({ ownerId: req.user!.sub }).go({ pages: 'all' });
  res.json(out.data); // ✗`),
      'rawItem',
    ),
    invalidAt(
      route(`  const out = await Notes.scan.go();
  res.json(out.data); // ✗`),
      'rawItem',
    ),
    // The client picks the attributes: nothing is kept from it.
    invalidAt(
      route(`  const fields = String(req.query.fields).split(',') as ('noteId' | 'text' | 'secret')[];
  const out = await Notes.get({ ownerId: req.user!.sub, noteId: req.params.id }).go({ attributes: fields });
  res.json(out.data); // ✗`),
      'rawItem',
    ),
  ],
});

/**
 * Attribute options: `hidden: true` and a `get` that never gives back the stored value keep the
 * attribute out of what reads return; `set` transforms what is stored, which reads still return.
 */
const catalog = (options: string) => `${expressHeader}import { Entity } from 'electrodb';
const Partners = new Entity({
  model: { entity: 'partner', version: '1', service: 'shop' },
  attributes: { partnerId: { type: 'string' }, title: { type: 'string' }, apiKey: { type: 'string'${options} } },
  indexes: { primary: { pk: { field: 'pk', composite: ['partnerId'] }, sk: { field: 'sk', composite: [] } } },
}, { table: 'app', client: ddb });
declare function digest(text: string): string;
app.post('/partners', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  await Partners.put({ partnerId: String(req.body.id), title: String(req.body.title), apiKey: String(req.body.key) }).go();
  res.sendStatus(204);
});
app.get('/partners/:id', async (req, res) => {
  res.json((await Partners.get({ partnerId: req.params.id }).go()).data); // ✗
});`;

const evidenceTester = createRuleTesterWithTypes();
evidenceTester.run('no-raw-item-response (ElectroDB attribute options, recommended)', raw, {
  valid: [
    catalog(', hidden: true').replace(' // ✗', ''),
    catalog(', get: () => undefined').replace(' // ✗', ''),
    catalog(", get: (_value: string) => '***'").replace(' // ✗', ''),
    catalog(', get() { return undefined; }').replace(' // ✗', ''),
  ],
  invalid: [
    invalidAt(catalog(''), 'rawItem'),
    // A getter that gives back (a form of) the stored value still returns it.
    invalidAt(catalog(', get: (value: string) => value.trim()'), 'rawItem'),
    // `set` changes what is stored; reads return the stored digest.
    invalidAt(catalog(', set: (value?: string) => (value ? digest(value) : value)'), 'rawItem'),
  ],
});
