import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Escaping or sanitising text (`sanitize-html`, `validator.escape`, trimming) changes how an id is
 * written, not whose it is: the result still names the item the client picked, and the caller's
 * own id passed through one is still the caller's.
 */
const ruleTester = createRuleTesterWithTypes();

const notes = (imports: string, owner: string) => `${imports}
${expressHeader}
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: crypto.randomUUID() } }));
  res.sendStatus(201);
});
app.delete('/notes/:ownerId/:noteId', async (req, res) => {
  const ownerId = ${owner};
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId, noteId: req.params.noteId } })); // ✗✗
  res.sendStatus(204);
});`;

const validator = `import validator from 'validator';`;
// Not installed where the tests run: matched by the import's module, as untyped code is.
const sanitizeHtml = `// @ts-ignore
import sanitizeHtml from 'sanitize-html';`;

ruleTester.run('no-unscoped-key (ids through text sanitisers)', noUnscopedKey, {
  valid: [notes(validator, 'validator.escape(req.user!.sub)').replace(' // ✗✗', '')],
  invalid: [
    invalidAt(notes(sanitizeHtml, `sanitizeHtml(req.params.ownerId, { allowedTags: [] })`), 'unscopedKey'),
    invalidAt(notes(validator, 'validator.trim(validator.escape(req.params.ownerId))'), 'unscopedKey'),
  ],
});
