import { readFileSync } from 'node:fs';
import path from 'node:path';
import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { bundler, docClient, js } from './framework-headers.js';

// Apollo Server's data sources: a resolver's untyped `context.dataSources.notes` is the object the
// server's `dataSources` function returned under `notes` (v2/v3), or the one its context function put
// at `dataSources.notes` (v4), so a method called on it runs that class's method. Other holders named
// `dataSources`, names the server does not register, and other containers' cradles stay unresolved.
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string, filename = js) => ({ ...invalidAt(code, 'unscopedKey' as const), filename });
const good = (code: string, filename = js) => ({ code, filename });

// `tests/fixtures/apollo-data-sources/`: resolvers that import nothing, the data source in a file of
// its own, registered by the server's file: the resolvers' file may reach its sinks.
const resolversFile = path.join(fixturesDir, 'apollo-data-sources/src/resolvers/notes.js');

const notesApi = `const { ApolloServer } = require('apollo-server-lambda');
const AWS = require('aws-sdk');
class NotesAPI {
  constructor() { this.db = new AWS.DynamoDB.DocumentClient(); }
  initialize({ context }) { this.context = context; }
  async create(text) {
    await this.db.put({ TableName: 'Notes', Item: { id: String(Date.now()), ownerId: this.context.user.sub, text } }).promise();
  }
  async remove(id) { await this.db.delete({ TableName: 'Notes', Key: { id } }).promise(); return id; }
  async removeFor(ownerId, id) { await this.db.delete({ TableName: 'Notes', Key: { ownerId, id } }).promise(); return id; }
}
`;

const server = `const server = new ApolloServer({ typeDefs: '', resolvers, dataSources: () => ({ notes: new NotesAPI() }) });
exports.handler = server.createHandler();
`;

const resolversWith = (mutation: string) => `const resolvers = {
  Mutation: {
    ${mutation}
  },
};
`;

ruleTester.run('no-unscoped-key (Apollo data sources)', auditMode(unscoped), {
  valid: [
    // The caller's own key, through the data source.
    good(
      `${notesApi}${resolversWith('removeNote: (_, { id }, { dataSources, user }) => dataSources.notes.removeFor(user.sub, id),')}${server}`,
    ),
    // A name the server registers no data source under runs nothing the program can see.
    good(
      `${notesApi}${resolversWith('removeNote: (_, { id }, { dataSources }) => dataSources.other.remove(id),')}${server}`,
    ),
    // Another library's `dataSources` option registers nothing.
    good(`${notesApi}const { createServer } = require('other-graphql');
${resolversWith('removeNote: (_, { id }, { dataSources }) => dataSources.notes.remove(id),')}createServer({ resolvers, dataSources: () => ({ notes: new NotesAPI() }) });
`),
    // An awilix cradle does not hand out Apollo's data sources.
    good(`${notesApi}const express = require('express');
const { createContainer } = require('awilix');
const container = createContainer();
const app = express();
const resolvers = {};
app.delete('/notes/:id', async (req, res) => res.json(await container.cradle.notes.remove(req.params.id)));
${server}`),
  ],
  invalid: [
    // v2/v3 `dataSources` option, the context destructured in the resolver's parameter.
    bad(
      `${notesApi}${resolversWith('removeNote: (_, { id }, { dataSources }) => dataSources.notes.remove(id), // ✗')}${server}`,
    ),
    // The whole context, and the option written as a method.
    bad(`${notesApi}${resolversWith('removeNote: (_, args, context) => context.dataSources.notes.remove(args.id), // ✗')}const server = new ApolloServer({
  typeDefs: '',
  resolvers,
  dataSources() { return { notes: new NotesAPI() }; },
});
`),
    // A data source destructured from the cradle.
    bad(
      `${notesApi}${resolversWith('removeNote: (_, { id }, { dataSources: { notes } }) => notes.remove(id), // ✗')}${server}`,
    ),
    // v4: the context function puts the data sources into the context; the resolver's context is `any`.
    bad(
      `import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
${docClient}
class NotesAPI {
  async remove(id: string) { await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { id } })); return id; }
}
const resolvers = {
  Mutation: {
    removeNote: (_p: unknown, args: { id: string }, ctx: any) => ctx.dataSources.notes.remove(args.id), // ✗
  },
};
const server = new ApolloServer({ typeDefs: '', resolvers });
void startStandaloneServer(server, { context: async () => ({ dataSources: { notes: new NotesAPI() } }) });
`,
      bundler,
    ),
    bad(readFileSync(resolversFile, 'utf8'), resolversFile),
  ],
});

// `recommended`: notes are stored with the verified caller (`this.context.user.sub`, the context
// function's verified token), so removing one by a client id is reported, as the same delete
// written in the resolver is.
ruleTester.run('no-unscoped-key (Apollo data sources, recommended)', unscoped, {
  valid: [],
  invalid: [
    bad(`${notesApi}const jwt = require('jsonwebtoken');
${resolversWith(`createNote: (_, { text }, { dataSources }) => dataSources.notes.create(text),
    removeNote: (_, { id }, { dataSources }) => dataSources.notes.remove(id), // ✗`)}const server = new ApolloServer({
  typeDefs: '',
  resolvers,
  dataSources: () => ({ notes: new NotesAPI() }),
  context: ({ event }) => ({ user: jwt.verify(event.headers.Authorization, process.env.PUBLIC_KEY) }),
});
`),
  ],
});
