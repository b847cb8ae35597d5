import rawItem from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * An item wrapped in a response class the program defines (`new Success('profile', item)`, fields
 * set by the constructor or as parameter properties) still reaches the client whole; a class whose
 * constructor copies chosen attributes (`this.name = user.name`) is a projection.
 */
const ruleTester = createRuleTesterWithTypes();

const users = (classes: string, sent: string, reported = false) => `${expressHeader}
${classes}
app.post('/signup', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { id: req.user!.sub, email: String(req.body.email), passwordHash: String(req.body.hash) } }));
  res.sendStatus(201);
});
app.get('/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { id: req.user!.sub } }));
  res.json(${sent});${reported ? ' // ✗' : ''}
});`;

const assigned = `class Reply {
  message: string;
  data?: object;
  constructor(message: string, data?: object) {
    this.message = message;
    this.data = data;
  }
}
class Success extends Reply {
  constructor(message: string, data?: object) {
    super(message, data);
  }
}`;
const parameterProperties = `class Envelope {
  constructor(public readonly status: number, public readonly body: unknown) {}
}`;
const projection = `class UserView {
  email: string;
  constructor(user: Record<string, unknown> | undefined) {
    this.email = String(user?.email);
  }
}`;

ruleTester.run('no-raw-item-response (items wrapped in response classes)', rawItem, {
  valid: [users(projection, 'new UserView(out.Item)')],
  invalid: [
    invalidAt(users(assigned, `new Success('profile', out.Item)`, true), 'rawItem'),
    invalidAt(users(parameterProperties, `new Envelope(200, out.Item)`, true), 'rawItem'),
  ],
});
