import noRawItemResponse from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A single-table design behind a generic key wrapper (`db.get(PK, SK)`, `db.query(PK)` writing
 * `Key: { PK, SK }`): the constant key prefix a caller writes (`db.get(\`BRANCH#${id}\`, …)`) names
 * the kind of item read, as it would written in the key itself; and what one kind's items hold
 * (`password` of `STUDENT#` items, from `as Student`) is no attribute of another kind's, nor of an
 * access whose key names no kind.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (routes: string) => `${expressHeader}
interface Student { PK: string; SK: string; studentId: string; password: string; name: string }
const db = {
  async put(item: Record<string, unknown>) { return ddb.send(new PutCommand({ TableName: 'Hostel', Item: item })); },
  async get(PK: string, SK: string) {
    const r = await ddb.send(new GetCommand({ TableName: 'Hostel', Key: { PK, SK } }));
    return r.Item;
  },
  async query(PK: string) {
    const r = await ddb.send(new QueryCommand({ TableName: 'Hostel', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': PK } }));
    return r.Items || [];
  },
};
app.get('/me/name', async (req, res) => {
  const me = (await db.get(\`STUDENT#\${req.user!.sub}\`, 'PROFILE')) as Student;
  res.json({ name: me.name });
});
app.post('/verify', async (req, res) => {
  const pending = await db.get(\`PENDING#\${String(req.body.email)}\`, 'PENDING');
  const student: Student = { PK: \`STUDENT#\${req.user!.sub}\`, SK: 'PROFILE', studentId: req.user!.sub, password: String(pending?.password), name: String(pending?.name) };
  await db.put(student);
  res.sendStatus(201);
});
app.post('/attendance', async (req, res) => {
  await db.put({ PK: \`ATTENDANCE#\${req.user!.sub}\`, SK: new Date().toISOString(), present: true });
  res.sendStatus(201);
});
app.get('/attendance', async (req, res) => {
  const records = await db.query(\`ATTENDANCE#\${req.user!.sub}\`);
  res.json({ attendance: records });
});
${routes}`;

const options = [{ evidence: 'required' }] as const;

ruleTester.run('no-raw-item-response (kinds named through a key wrapper)', noRawItemResponse, {
  valid: [
    // The caller's own attendance rows hold no password.
    { code: app(''), options },
    // An administrator sees a branch item, which holds no password either.
    {
      code: app(`
app.get('/admin/branch', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  const branch = await db.get('BRANCH#main', 'BRANCH#main');
  res.json({ branch });
});`),
      options,
    },
    // An item whose key names no kind, in a table of several kinds (`STUDENT#`, `ATTENDANCE#`): the
    // students' password is not known to be among its attributes (the `Student` built from a
    // pending sign-up's values types the new item, not the pending read).
    {
      code: app(`
app.get('/admin/item', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  const item = await db.get(String(req.query.pk), String(req.query.sk));
  res.json({ item });
});`),
      options,
    },
  ],
  invalid: [
    // The caller's own student record, read through the wrapper, holds the password hash.
    {
      ...invalidAt(
        app(`
app.get('/me', async (req, res) => {
  const me = await db.get(\`STUDENT#\${req.user!.sub}\`, 'PROFILE');
  res.json(me); // ✗
});`),
        'rawItem',
      ),
      options,
    },
    // The same, its prefix a string enum member (`${Kind.STUDENT}#…`).
    {
      ...invalidAt(
        app(`
enum Kind { STUDENT = 'STUDENT' }
app.get('/me', async (req, res) => {
  const me = await db.get(\`\${Kind.STUDENT}#\${req.user!.sub}\`, 'PROFILE');
  res.json(me); // ✗
});`),
        'rawItem',
      ),
      options,
    },
  ],
});
