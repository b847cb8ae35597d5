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

ruleTester.run('no-unscoped-key (dynamoose Condition objects)', unscoped, {
  valid: [
    // Untyped, a `new` of another package's `Condition` is not dynamoose's.
    auditedValid(`${dyn}
import { Condition as OtherCondition } from 'other-conditions';
app.get('/by/:owner', async (req, res) => {
  const notes = await Note.scan(new OtherCondition('ownerId').eq(req.params.owner)).exec();
  res.json(notes.length);
});`),
    // A Condition comparing only constants selects nothing the client chose.
    auditedValid(`${dyn}
app.get('/open', async (_req, res) => {
  const notes = await Note.scan(new Condition('status').eq('open')).exec();
  res.json(notes.length);
});`),
    auditedValid(`${dyn}
app.get('/open', async (_req, res) => {
  const notes = await Note.scan(new Condition({ status: { eq: 'open' } })).exec();
  res.json(notes.length);
});`),
    // The caller's own partition, written as a Condition.
    auditedValid(`${dyn}
app.get('/mine', async (req, res) => {
  const notes = await Note.query(new Condition('ownerId').eq(req.user!.sub)).exec();
  res.json(notes.length);
});`),
  ],
  invalid: [
    // The chained form (the reference).
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const notes = await Note.scan('ownerId').eq(req.params.owner).exec(); // ✗
  res.json(notes.length);
});`),
    // A chained Condition.
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const notes = await Note.scan(new Condition('ownerId').eq(req.params.owner)).exec(); // ✗
  res.json(notes.length);
});`),
    audited(`${dyn}
app.get('/shared/:user', async (req, res) => {
  const notes = await Note.scan(new dynamoose.Condition().where('readers').contains(req.params.user)).exec(); // ✗
  res.json(notes.length);
});`),
    // A Condition from an object, shorthand and with comparators.
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const ownerId = req.params.owner;
  const notes = await Note.scan(new Condition({ ownerId })).exec(); // ✗
  res.json(notes.length);
});`),
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const notes = await Note.scan(new Condition({ ownerId: { eq: req.params.owner } })).exec(); // ✗
  res.json(notes.length);
});`),
    // A Condition built in a constant, then grouped into another.
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const byOwner = new Condition('status').eq('open').and().where('ownerId').eq(req.params.owner); // ✗
  const notes = await Note.scan(byOwner).exec();
  res.json(notes.length);
});`),
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const notes = await Note.scan(new Condition('status').eq('open').group(new Condition('ownerId').eq(req.params.owner))).exec(); // ✗
  res.json(notes.length);
});`),
    // Untyped (the import does not resolve): a `new` of the package's `Condition` by its name.
    audited(`${dyn}
import { Condition as LegacyCondition } from 'dynamoose/legacy';
app.get('/by/:owner', async (req, res) => {
  const notes = await Note.scan(new LegacyCondition('ownerId').eq(req.params.owner)).exec(); // ✗
  res.json(notes.length);
});`),
    audited(`${dyn}
const legacy = require('dynamoose');
app.get('/by/:owner', async (req, res) => {
  const notes = await Note.scan(new legacy.Condition({ ownerId: req.params.owner })).exec(); // ✗
  res.json(notes.length);
});`),
    // A Condition passed to a query selects by the key it compares.
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const notes = await Note.query(new Condition('ownerId').eq(req.params.owner)).exec(); // ✗
  res.json(notes.length);
});`),
    // A plain condition object passed to scan (already followed).
    audited(`${dyn}
app.get('/by/:owner', async (req, res) => {
  const notes = await Note.scan({ ownerId: { eq: req.params.owner } }).exec(); // ✗
  res.json(notes.length);
});`),
  ],
});
