import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Relationship writes: a follow reads the chosen user's record (a data mapper's item), tests it, adds
 * the caller's own id to its `followers` (or removes it) and writes the list back to the same
 * record. Nothing the owner wrote is changed or disclosed, so `recommended` reports neither the
 * read nor the update. Look-alikes that let the client choose what is written, change the list
 * otherwise, or write another key stay reported; so does everything in `strict`.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (body: string) => `import express from 'express';
import dynamoose from 'dynamoose';
declare global {
  namespace Express {
    interface Request { user?: { sub: string } }
  }
}
const Users = dynamoose.model('Users', new dynamoose.Schema({ id: String, role: String, bio: String, followers: { type: Array, schema: [String] } }));
const app = express();
app.post('/signup', async (req, res) => {
  await Users.create({ id: req.user!.sub, role: String(req.body.role), followers: [] });
  res.end();
});
app.post('/users/:id/follow', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  const me = req.user.sub;
  const id = req.params.id;
${body}
  return res.sendStatus(204);
});`;

const read = `  const teacher = await Users.get({ id }); // ✗
  if (teacher === undefined || teacher.role !== 'teacher') return res.sendStatus(404);`;
const follow = `${read}
  if (teacher.followers.includes(me)) return res.sendStatus(409);
  teacher.followers.push(me);
  await Users.update({ id }, { followers: teacher.followers }); // ✗`;
const unfollow = `${read}
  teacher.followers = teacher.followers.filter((follower: string) => follower !== me);
  await Users.update({ id }, { followers: teacher.followers }); // ✗`;
const appended = `${read}
  await Users.update({ id }, { followers: [...teacher.followers, me] }); // ✗`;

const quiet = (text: string) => text.replaceAll(' // ✗', '');
const unmarkRead = (text: string) => text.replace('await Users.get({ id }); // ✗', 'await Users.get({ id });');
const options = [{ evidence: 'required' }] as const;
/** The follow with more done to the item after the caller is added: reported like any other change. */
const followThen = (more: string) => ({
  ...invalidAt(
    app(follow.replace('teacher.followers.push(me);', `teacher.followers.push(me);\n  ${more}`)),
    'unscopedKey',
  ),
  options,
});

ruleTester.run('no-unscoped-key (relationship writes)', noUnscopedKey, {
  valid: [
    { code: quiet(app(follow)), options },
    { code: quiet(app(unfollow)), options },
    { code: quiet(app(appended)), options },
  ],
  invalid: [
    // The client chooses what is pushed: anyone's list gets anyone's id.
    {
      ...invalidAt(
        app(follow.replace('teacher.followers.push(me)', 'teacher.followers.push(String(req.body.who))')),
        'unscopedKey',
      ),
      options,
    },
    // The removal keeps only what the client names: it empties the owner's list.
    {
      ...invalidAt(app(unfollow.replace('follower !== me', 'follower === String(req.body.keep)')), 'unscopedKey'),
      options,
    },
    // The list is changed otherwise too: the owner's entries are dropped.
    followThen('teacher.followers.shift();'),
    // The item goes to a function that may change it (`Object.assign(teacher, req.body)`).
    followThen('Object.assign(teacher, req.body);'),
    // The item passes on through `||` to another name, whose list gets the client's id.
    followThen('const shown = teacher || { followers: [] };\n  shown.followers.push(String(req.body.who));'),
    // Another attribute is set from the request: the owner's bio is rewritten.
    {
      ...invalidAt(
        app(
          follow.replace(
            '{ followers: teacher.followers }',
            '{ followers: teacher.followers, bio: String(req.body.bio) }',
          ),
        ),
        'unscopedKey',
      ),
      options,
    },
    // The list written back is another record's (the caller's own), not the one updated; the read is an existence check.
    {
      ...invalidAt(
        unmarkRead(
          app(
            follow
              .replace("teacher === undefined || teacher.role !== 'teacher'", '!teacher')
              .replace(
                '  teacher.followers.push(me);',
                '  const mine = await Users.get({ id: me });\n  mine.followers.push(me);',
              )
              .replace('{ followers: teacher.followers }', '{ followers: mine.followers }'),
          ),
        ),
        'unscopedKey',
      ),
      options,
    },
    // The read's item is also sent back: it discloses the record (and the item, gone elsewhere, may change on the way).
    { ...invalidAt(app(`${follow}\n  res.json({ teacher });`), 'unscopedKey'), options },
    // strict reports every pattern.
    { ...invalidAt(app(follow), 'unscopedKey'), options: [{ evidence: 'none' }] },
  ],
});
