import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A dynamoose `Condition` object (`new Condition('a').eq(x)`, `new Condition({ a: x })`) passed to
 * `scan`/`query` selects by the values it compares, exactly like the chained form `scan('a').eq(x)`.
 */
const ruleTester = createRuleTesterWithTypes();

const dyn = `${expressHeader}import dynamoose, { Condition } from 'dynamoose';
const Note = dynamoose.model('Note', new dynamoose.Schema({
  ownerId: { type: String, hashKey: true },
  noteId: { type: String, rangeKey: true },
  text: String,
  status: String,
  readers: { type: Array, schema: [String] },
}));
`;

/** Every scan or query by a client's value, whatever the evidence (an audit). */
const audited = (code: string) => ({
  ...invalidAt(code, 'unscopedKey' as const),
  options: [{ evidence: 'none' as const }] as const,
});
const auditedValid = (code: string) => ({ code, options: [{ evidence: 'none' as const }] as const });
/** A route counting the notes `read` (a scan or query, before `.exec()`) selects; `before`: lines above the route. */
const route = (read: string, before = '', path = '/by/:owner', mark = ' // ✗') => `${dyn}${before}
app.get('${path}', async (req, res) => {
  const notes = await ${read}.exec();${mark}
  res.json(notes.length);
});`;

ruleTester.run('no-unscoped-key (dynamoose Condition objects)', unscoped, {
  valid: [
    // Untyped, a `new` of another package's `Condition` is not dynamoose's.
    auditedValid(
      route(
        `Note.scan(new OtherCondition('ownerId').eq(req.params.owner))`,
        `\nimport { Condition as OtherCondition } from 'other-conditions';`,
        '/by/:owner',
        '',
      ),
    ),
    // A Condition comparing only constants selects nothing the client chose.
    auditedValid(route(`Note.scan(new Condition('status').eq('open'))`, '', '/open', '')),
    auditedValid(route(`Note.scan(new Condition({ status: { eq: 'open' } }))`, '', '/open', '')),
    // The caller's own partition, written as a Condition.
    auditedValid(route(`Note.query(new Condition('ownerId').eq(req.user!.sub))`, '', '/mine', '')),
  ],
  invalid: [
    // The chained form (the reference).
    audited(route(`Note.scan('ownerId').eq(req.params.owner)`)),
    // A chained Condition.
    audited(route(`Note.scan(new Condition('ownerId').eq(req.params.owner))`)),
    audited(
      route(`Note.scan(new dynamoose.Condition().where('readers').contains(req.params.user))`, '', '/shared/:user'),
    ),
    // A Condition from an object, shorthand and with comparators.
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const ownerId = req.params.owner;
  const notes = await Note.scan(new Condition({ ownerId })).exec(); // ✗
  res.json(notes.length);
});`),
    audited(route(`Note.scan(new Condition({ ownerId: { eq: req.params.owner } }))`)),
    // A Condition built in a constant, then grouped into another.
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const byOwner = new Condition('status').eq('open').and().where('ownerId').eq(req.params.owner); // ✗
  const notes = await Note.scan(byOwner).exec();
  res.json(notes.length);
});`),
    audited(
      route(`Note.scan(new Condition('status').eq('open').group(new Condition('ownerId').eq(req.params.owner)))`),
    ),
    // Untyped (the import does not resolve): a `new` of the package's `Condition` by its name.
    audited(
      route(
        `Note.scan(new LegacyCondition('ownerId').eq(req.params.owner))`,
        `\nimport { Condition as LegacyCondition } from 'dynamoose/legacy';`,
      ),
    ),
    audited(
      route(`Note.scan(new legacy.Condition({ ownerId: req.params.owner }))`, `\nconst legacy = require('dynamoose');`),
    ),
    // A Condition passed to a query selects by the key it compares.
    audited(route(`Note.query(new Condition('ownerId').eq(req.params.owner))`)),
    // A plain condition object passed to scan (already followed).
    audited(route(`Note.scan({ ownerId: { eq: req.params.owner } })`)),
  ],
});
