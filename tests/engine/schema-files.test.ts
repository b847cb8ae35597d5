import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldsNamedByFile, nestedJsonPaths, schemaFileFields } from '../../src/engine/exposure/schema-scalars.js';
import { programOf } from './program.js';

/** GraphQL schema files of a project, read from disk for the JSON-scalar fields of AppSync resolvers. */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-files-'));
const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), text);
};
write('package.json', '{}');
write(
  'infra/schema.graphql',
  `type Note { id: ID!, data: AWSJSON }
type Query {
  note(id: ID!): Note
  # note2: AWSJSON (a comment)
  raw(id: ID!, filter: NoteFilter): AWSJSON @aws_iam
  many: [AWSJSON!]!
}`,
);
write('extra/more.gql', 'extend type Mutation { save(input: AWSJSON): AWSJSON }');
write('node_modules/dep/schema.graphql', 'type Query { leaked: AWSJSON }');
write('packages/other/package.json', '{}');
write('packages/other/schema.graphql', 'type Query { elsewhere: AWSJSON }');
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('schema files', () => {
  const program = programOf({ 'main.ts': 'export {};' });

  it('reads the fields of the nearest package that a JSON scalar types', () => {
    const fields = schemaFileFields(program, path.join(root, 'resolvers/Query.raw.js'), ['AWSJSON']);
    // `Query.note>data`: the `data` of what `Query.note` returns is a JSON field of its `Note`.
    expect([...fields].sort()).toEqual(['Mutation.save', 'Note.data', 'Query.many', 'Query.note>data', 'Query.raw']);
  });

  it('gives the paths of a returned value that its output type declares as JSON', () => {
    const fields = new Set(['Note.data', 'Query.note>data', 'Query.notes>[]data']);
    expect(nestedJsonPaths(fields, 'Query.note', '*')).toEqual([['data']]);
    expect(nestedJsonPaths(fields, 'Query.notes', '*')).toEqual([['*', 'data']]);
    expect(nestedJsonPaths(fields, 'Query.other', '*')).toEqual([]);
  });

  it('keeps packages apart and skips dependencies', () => {
    const fields = schemaFileFields(program, path.join(root, 'packages/other/src/resolver.js'), ['AWSJSON']);
    expect([...fields]).toEqual(['Query.elsewhere']);
  });

  it('names a resolver file’s field by its layout', () => {
    expect(fieldsNamedByFile('/p/resolvers/Query.getNote.js', ['Query'])).toEqual(['Query.getNote']);
    expect(fieldsNamedByFile('/p/resolvers/Query/getNote.ts', ['Query', 'Mutation'])).toEqual([
      'Query.getNote',
      'Mutation.getNote',
    ]);
    // A pipeline function (`Query.getNote.loadUser.js`) is not the field's resolver.
    expect(fieldsNamedByFile('/p/resolvers/Query.getNote.loadUser.js', ['Query'])).toEqual([]);
  });
});
