import path from 'node:path';
import ts from 'typescript';
import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-expression-injection.js';
import type { MessageId } from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';

/** Suggestions that bind spliced values, checked to the character and then type-checked. */
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import { ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDB, QueryCommand as RawQueryCommand } from '@aws-sdk/client-dynamodb';
const raw = new DynamoDBClient({});
const aggregated = new DynamoDB({});
`;
const route = (body: string) => `${header}app.get('/s', async (req, res) => {
  const status = String(req.query.status);
${body}
  res.sendStatus(200);
});
`;
/** A case whose one report offers one suggestion, turning `before` into `after`. */
const suggests = (
  messageId: MessageId,
  before: string,
  after: string,
  suggestion: 'suggestBindExpressionValues' | 'suggestBindStatementParameters',
): InvalidTestCase<MessageId, []> => ({
  code: route(before),
  errors: [{ messageId, suggestions: [{ messageId: suggestion, output: route(after) }] }],
});
/** A case whose report offers nothing: the rewrite would not be mechanical. */
const noSuggestion = (messageId: MessageId, body: string): InvalidTestCase<MessageId, []> => ({
  code: route(body),
  errors: [{ messageId, suggestions: null }],
});

const cases: InvalidTestCase<MessageId, []>[] = [
  // A compared value, with an inline ExpressionAttributeValues literal to extend.
  suggests(
    'expressionInjection',
    "  await ddb.send(new QueryCommand({ TableName: 'T', KeyConditionExpression: 'pk = :pk', FilterExpression: `#status = ${status}`, ExpressionAttributeValues: { ':pk': req.user!.sub } }));",
    "  await ddb.send(new QueryCommand({ TableName: 'T', KeyConditionExpression: 'pk = :pk', FilterExpression: `#status = :status`, ExpressionAttributeValues: { ':pk': req.user!.sub, ':status': status } }));",
    'suggestBindExpressionValues',
  ),
  // No ExpressionAttributeValues yet; quoted and function-argument values; a taken name.
  suggests(
    'expressionInjection',
    "  await ddb.send(new ScanCommand({ TableName: 'T', FilterExpression: `status = '${status}' AND begins_with(sk, ${req.query.prefix}) AND :status = :status` }));",
    "  await ddb.send(new ScanCommand({ TableName: 'T', FilterExpression: `status = :status2 AND begins_with(sk, :sk) AND :status = :status`, ExpressionAttributeValues: { ':status2': status, ':sk': req.query.prefix } }));",
    'suggestBindExpressionValues',
  ),
  // An empty literal, a constant interpolation left alone, and an input declared as a const.
  suggests(
    'expressionInjection',
    "  const ATTR = 'color';\n  const input = { TableName: 'T', KeyConditionExpression: `pk = ${req.query.pk} AND ${ATTR} = :c`, ExpressionAttributeValues: {} };\n  await ddb.send(new QueryCommand(input));",
    "  const ATTR = 'color';\n  const input = { TableName: 'T', KeyConditionExpression: `pk = :pk AND ${ATTR} = :c`, ExpressionAttributeValues: { ':pk': req.query.pk } };\n  await ddb.send(new QueryCommand(input));",
    'suggestBindExpressionValues',
  ),
  // The low-level client wraps the bound value in an AttributeValue.
  suggests(
    'expressionInjection',
    "  await raw.send(new RawQueryCommand({ TableName: 'T', KeyConditionExpression: `pk = ${status}` }));",
    "  await raw.send(new RawQueryCommand({ TableName: 'T', KeyConditionExpression: `pk = :pk`, ExpressionAttributeValues: { ':pk': { S: status } } }));",
    'suggestBindExpressionValues',
  ),
  // PartiQL: `?` in place of the quoted value, a Parameters array added.
  suggests(
    'statementInjection',
    '  await ddb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "Orders" WHERE status = \'${status}\'` }));',
    '  await ddb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "Orders" WHERE status = ?`, Parameters: [status] }));',
    'suggestBindStatementParameters',
  ),
  // PartiQL: the new parameters go in order among the existing ones.
  suggests(
    'statementInjection',
    "  await ddb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM \"Orders\" WHERE a = '${status}' AND ownerId = ? AND b IN ['${req.query.b}']`, Parameters: [req.user!.sub] }));",
    '  await ddb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "Orders" WHERE a = ? AND ownerId = ? AND b IN [?]`, Parameters: [status, req.user!.sub, req.query.b] }));',
    'suggestBindStatementParameters',
  ),
  // PartiQL on the aggregated low-level client.
  suggests(
    'statementInjection',
    '  await aggregated.executeStatement({ Statement: `UPDATE "Orders" SET status = \'${status}\' WHERE ownerId = ?`, Parameters: [{ S: req.user!.sub }] });',
    '  await aggregated.executeStatement({ Statement: `UPDATE "Orders" SET status = ? WHERE ownerId = ?`, Parameters: [{ S: status }, { S: req.user!.sub }] });',
    'suggestBindStatementParameters',
  ),
  // Not mechanical: an attribute name, a concatenation, a value that is not a string for the low-level client,
  // an unquoted PartiQL value, a spread input, values held in a variable, an expression built elsewhere.
  noSuggestion(
    'expressionInjection',
    "  await ddb.send(new QueryCommand({ TableName: 'T', KeyConditionExpression: `pk = :p AND ${status} = :v` }));",
  ),
  noSuggestion(
    'expressionInjection',
    "  await ddb.send(new QueryCommand({ TableName: 'T', KeyConditionExpression: 'pk = ' + status }));",
  ),
  noSuggestion(
    'expressionInjection',
    "  await raw.send(new RawQueryCommand({ TableName: 'T', KeyConditionExpression: `pk = ${req.query.pk}` }));",
  ),
  noSuggestion(
    'statementInjection',
    '  await ddb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "Orders" WHERE n = ${status}` }));',
  ),
  noSuggestion(
    'expressionInjection',
    "  const base = { TableName: 'T' };\n  await ddb.send(new QueryCommand({ ...base, KeyConditionExpression: `pk = ${status}` }));",
  ),
  noSuggestion(
    'expressionInjection',
    "  const values = { ':a': 1 };\n  await ddb.send(new QueryCommand({ TableName: 'T', KeyConditionExpression: `pk = ${status}`, ExpressionAttributeValues: values }));",
  ),
  noSuggestion(
    'expressionInjection',
    "  const expr = `pk = ${status}`;\n  await ddb.send(new QueryCommand({ TableName: 'T', KeyConditionExpression: expr }));",
  ),
];

ruleTester.run('no-expression-injection (suggestions)', rule, { valid: [], invalid: cases });

describe('no-expression-injection suggestion outputs', () => {
  it('type-check without errors', () => {
    const outputs = cases.flatMap((test) =>
      test.errors.flatMap((error) => (error.suggestions ?? []).map((suggestion) => suggestion.output)),
    );
    expect(outputs.length).toBe(7);
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(fixturesDir, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    )!;
    const names = outputs.map((_, i) => path.join(fixturesDir, `suggestion-${i}.ts`));
    const host = ts.createCompilerHost(parsed.options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, ...rest) => {
      const index = names.indexOf(path.resolve(fileName));
      return index >= 0 ? ts.createSourceFile(fileName, outputs[index]!, language) : read(fileName, language, ...rest);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => names.includes(path.resolve(fileName)) || fileExists(fileName);
    const program = ts.createProgram(names, parsed.options, host);
    const errors = names.flatMap((name) =>
      [
        ...program.getSyntacticDiagnostics(program.getSourceFile(name)),
        ...program.getSemanticDiagnostics(program.getSourceFile(name)),
      ].map((diagnostic) => `${path.basename(name)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`),
    );
    expect(errors).toEqual([]);
  });
});
