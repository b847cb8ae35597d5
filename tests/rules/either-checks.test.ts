import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Read, check, act with alternatives: past `if (call.initiatedBy !== me && call.ownerId !== me)
 * return 403`, the item the key loaded is the caller's whichever alternative holds, so the later
 * write with the same key is scoped as the read is. An alternative that does not tie the item to
 * the caller (a request value, a public flag) proves nothing for the write.
 */
const ruleTester = createRuleTesterWithTypes();

const end = (check: string, readMark = '') => `${expressHeader}
app.post('/calls/:id/end', async (req, res) => {
  const me = req.user!.sub;
  const id = String(req.params.id);
  const out = await ddb.send(new GetCommand({ TableName: 'Calls', Key: { id } }));${readMark}
  const call = out.Item;
  if (!call) return res.sendStatus(404);
  ${check}
  await ddb.send(new UpdateCommand({ TableName: 'Calls', Key: { id }, UpdateExpression: 'SET ended = :t', ExpressionAttributeValues: { ':t': true } })); // ✗
  res.sendStatus(204);
});
app.post('/calls', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Calls', Item: { id: crypto.randomUUID(), initiatedBy: req.user!.sub, ownerId: req.user!.sub } }));
  res.sendStatus(201);
});`;

const valid = (check: string) => end(check).replace(' // ✗', '');

ruleTester.run('no-unscoped-key (either checks before a write)', rule, {
  valid: [
    valid('if (call.initiatedBy !== me && call.ownerId !== me) return res.sendStatus(403);'),
    valid(
      'const isInitiator = call.initiatedBy === me;\n  const isOwner = call.ownerId === me;\n  if (!isInitiator && !isOwner) return res.sendStatus(403);',
    ),
  ],
  invalid: [
    // One alternative is the client's own say-so.
    invalidAt(
      end("if (call.initiatedBy !== me && req.body.force !== 'yes') return res.sendStatus(403);"),
      'unscopedKey',
    ),
    // A public call may be read by anyone, not ended by anyone.
    invalidAt(
      end('if (call.initiatedBy !== me && !call.isPublic) return res.sendStatus(403);', ' // ✗'),
      'unscopedKey',
    ),
  ],
});
