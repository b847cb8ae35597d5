import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

// A method of an object the program constructs (`new Presentation(id, req.user.sub, name).toPut()`)
// that writes `Item: { useId: this.userId }` stores what the constructor was given, as
// `Item: { userId: req.user.sub }` would: the evidence that the table's items belong to users
// (`recommended`), whether the method sends the put, returns the command, or returns its input.
// The method is called without arguments: it binds only its receiver, `this`.
const ruleTester = createRuleTesterWithTypes();

const READ = `app.get('/p/:id', async (req, res) => {
  res.json((await ddb.send(new GetCommand({ TableName: 'presentations', Key: { id: req.params.id } }))).Item);
});
`;
const marked = (code: string) => invalidAt(code.replace(READ, READ.replace('.Item);', '.Item); // ✗')), 'unscopedKey');

/** The put built by a method and returned as a command, which the route sends. */
const returnedCommand = (owner: string) => `${expressHeader}class Presentation {
  constructor(public id: string, public userId: string, public name: string) {}
  toPut() {
    return new PutCommand({ TableName: 'presentations', Item: { id: this.id, useId: this.userId, name: this.name } });
  }
}
app.post('/p', async (req, res) => {
  res.json(await ddb.send(new Presentation(String(Date.now()), ${owner}, String(req.body.name)).toPut()));
});
${READ}`;

/** The method sends the put itself; the constructor assigns the field; the object is held in a variable. */
const sentByMethod = (owner: string) => `${expressHeader}class Presentation {
  private owner: string;
  constructor(public id: string, owner: string) {
    this.owner = owner;
  }
  async save() {
    await ddb.send(new PutCommand({ TableName: 'presentations', Item: { id: this.id, createdBy: this.owner } }));
  }
}
async function create(id: string, owner: string) {
  const presentation = new Presentation(id, owner);
  await presentation.save();
}
app.post('/p', async (req, res) => {
  await create(String(Date.now()), ${owner});
  res.sendStatus(201);
});
${READ}`;

/** The method returns the put's input, which the route wraps in the command. */
const returnedInput = (owner: string) => `${expressHeader}class Presentation {
  constructor(public id: string, public userId: string) {}
  toInput() {
    return { TableName: 'presentations', Item: { id: this.id, useId: this.userId } };
  }
}
app.post('/p', async (req, res) => {
  await ddb.send(new PutCommand(new Presentation(String(Date.now()), ${owner}).toInput()));
  res.sendStatus(201);
});
${READ}`;

/** The key is built the same way: a method's `Key: { id: this.id }` reads what the constructor was given. */
const keyOfInstance = `${expressHeader}class Presentation {
  constructor(public id: string, public userId?: string) {}
  toPut() {
    return new PutCommand({ TableName: 'presentations', Item: { id: this.id, useId: this.userId } });
  }
  toGet() {
    return new GetCommand({ TableName: 'presentations', Key: { id: this.id } });
  }
}
app.post('/p', async (req, res) => {
  await ddb.send(new Presentation(String(Date.now()), req.user!.sub).toPut());
  res.sendStatus(201);
});
app.get('/p/:id', async (req, res) => {
  res.json((await ddb.send(new Presentation(req.params.id).toGet())).Item); // ✗
});
`;

/**
 * NestJS: a controller's guarded principal goes to an injected entity service, which sends the
 * commands a model class builds (an instance method for the put, static ones for the reads)
 * through a wrapper of the client.
 */
const nestBuilders = (
  owner: string,
) => `import { Body, Controller, Get, Injectable, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
declare global { namespace Express { interface Request { user?: { sub: string } } } }
export class PresentationModel {
  constructor(public id: string, public userId: string, public projectId: string) {}
  toPut() {
    return new PutCommand({ TableName: 'presentations', Item: { id: this.id, useId: this.userId, projectId: this.projectId } });
  }
  static getItem(projectId: string) {
    return new GetItemCommand({ TableName: 'presentations', Key: marshall({ projectId }) });
  }
}
@Injectable()
export class DynamodbClientService {
  private doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  send(command: any): Promise<any> {
    return this.doc.send(command);
  }
}
@Injectable()
export class PresentationEntity {
  constructor(private db: DynamodbClientService) {}
  create(userId: string, projectId: string) {
    return this.db.send(new PresentationModel(String(Date.now()), userId, projectId).toPut());
  }
  getItem(projectId: string) {
    return this.db.send(PresentationModel.getItem(projectId));
  }
}
@Controller('slides')
export class SlidesController {
  constructor(private presentations: PresentationEntity) {}
  @Post()
  create(@Body() body: { projectId: string }, @Req() req: Request) {
    return this.presentations.create(${owner}, String(body.projectId));
  }
  @Get(':pid')
  slide(@Param('pid') pid: string) {
    return this.presentations.getItem(pid); // ✗
  }
}
`;

ruleTester.run('no-unscoped-key (items written by a method of a constructed object)', unscoped, {
  valid: [
    // The constructor is given no caller: nothing shows the presentations belong to anyone.
    returnedCommand("'shared'"),
    sentByMethod("'shared'"),
    returnedInput("'shared'"),
    nestBuilders("'shared'").replace(' // ✗', ''),
  ],
  invalid: [
    marked(returnedCommand('req.user!.sub')),
    marked(sentByMethod('req.user!.sub')),
    marked(returnedInput('req.user!.sub')),
    invalidAt(keyOfInstance, 'unscopedKey'),
    invalidAt(nestBuilders('req.user!.sub'), 'unscopedKey'),
    // Without evidence the pattern is there all the same: the valid cases lack only the evidence.
    { ...invalidAt(nestBuilders("'shared'"), 'unscopedKey'), options: [{ evidence: 'none' }] },
    { ...marked(returnedCommand("'shared'")), options: [{ evidence: 'none' }] },
  ],
});
