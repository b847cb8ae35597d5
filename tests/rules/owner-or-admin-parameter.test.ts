import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Owner-or-admin checks in a service method whose principal is a parameter (policy rules 3 and 5):
 * `if (post.author !== user.sub && (user.role !== 'admin' || post.companyId !== user.companyId)) throw`
 * guards the item when every caller passes the principal as `user`, not when some caller may pass
 * an object the client sent. The audit mode (`evidence: 'none'`) is used so that only the guard decides.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const code = (...callers: string[]) => `import express from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
interface Caller { sub: string; role?: string; companyId: string }
declare global {
  namespace Express {
    interface Request { user?: Caller }
  }
}
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = express();
class PostService {
  async remove(id: string, user: Caller) {
    const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id } }));
    const post = out.Item;
    if (!post) throw new Error('not found');
    if (post.author !== user.sub && (user.role !== 'admin' || post.companyId !== user.companyId)) throw new Error('forbidden');
    await ddb.send(new DeleteCommand({ TableName: 'Posts', Key: { id } }));
  }
}
const posts = new PostService();
${callers.map((caller, index) => `app.delete('/posts${index}/:id', async (req, res) => {\n  await posts.remove(req.params.id, ${caller});\n  res.sendStatus(204);\n});`).join('\n')}`;

/** Marks the calls whose second argument is a client's object. */
const mark = (source: string) =>
  source.replace(/(await posts\.remove\(req\.params\.id, req\.body\.user as Caller\);)/g, '$1 // ✗');

ruleTester.run('no-unscoped-key (owner-or-admin check on a principal parameter)', noUnscopedKey, {
  valid: [
    { code: code('req.user!'), options: audit },
    { code: code('req.user!', 'req.user as Caller'), options: audit },
  ],
  invalid: [
    // The role and company tests are of an object the client sent: anyone can claim to be an admin.
    { ...invalidAt(mark(code('req.body.user as Caller')), 'unscopedKey'), options: audit },
    // One caller passing the client's object is enough: the check no longer proves anything, for either call.
    {
      ...invalidAt(
        mark(code('req.user!', 'req.body.user as Caller')).replace(
          'await posts.remove(req.params.id, req.user!);',
          'await posts.remove(req.params.id, req.user!); // ✗',
        ),
        'unscopedKey',
      ),
      options: audit,
    },
  ],
});
