import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A data mapper's attribute map built with a spread (`{ ...sharedKeys, noteId: { sortKey: true, prefix } }`)
 * has the members JavaScript gives it: the spread's, each replaced by a later member of the same name. Redefining
 * one key attribute keeps the other keys the spread declares.
 */
const ruleTester = createRuleTesterWithTypes();

const entities = `${expressHeader}import { Entity } from 'dynamodb-toolbox';
// v0 API (typed loosely): the shared key definition, spread into each entity.
const sharedAttributes = { ownerId: { partitionKey: true, type: 'string' }, noteId: { sortKey: true, type: 'string' }, text: { type: 'string' } };
const sharedKeys = () => sharedAttributes;
const Note: any = new (Entity as any)({ name: 'Note', attributes: { ...sharedAttributes, noteId: { sortKey: true, type: 'string', prefix: 'NOTE#' } } });
const Draft: any = new (Entity as any)({ name: 'Draft', attributes: { ...sharedKeys(), noteId: { sortKey: true, type: 'string', prefix: 'DRAFT#' } } });
`;

ruleTester.run('no-unscoped-key (spread attribute maps)', unscoped, {
  valid: [
    // The partition key comes from the spread, and it is the caller: the note is the caller's own.
    `${entities}
app.get('/notes/:id', async (req, res) => {
  const out = await Note.get({ ownerId: req.user!.sub, noteId: req.params.id });
  res.json({ text: out.Item.text });
});`,
    // The spread of a function's returned literal declares the keys the same way.
    `${entities}
app.delete('/drafts/:id', async (req, res) => {
  await Draft.delete({ ownerId: req.user!.sub, noteId: req.params.id });
  res.sendStatus(204);
});`,
  ],
  invalid: [
    // Both key attributes are the client's: the overridden sort key and the spread's partition key.
    invalidAt(
      `${entities}
app.get('/users/:owner/notes/:id', async (req, res) => {
  const out = await Note.get({ ownerId: req.params.owner, noteId: req.params.id }); // ✗✗
  res.json({ text: out.Item.text });
});`,
      'unscopedKey',
    ),
  ],
});
