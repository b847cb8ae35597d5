import { vi } from 'vitest';
import type ts from 'typescript';
import { DynamoAnalysis } from '../../src/engine/dynamodb/analysis.js';
import { libDynamodb } from '../../src/models/lib-dynamodb.js';
import { MODEL, programOf, sourceFile, TYPES } from './program.js';

// Sink sites are kept per source file across the programs of an editor session, and reused only
// while the file, what it imports (transitively), and the global declarations are unchanged.

const SDK = `
export class DynamoDBDocument { get(input: { TableName: string; Key: Record<string, unknown> }): Promise<any>; }
`;
const client = (typed: boolean) =>
  typed
    ? `import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';\nexport declare const raw: DynamoDBDocument;\n`
    : `export declare const raw: { get(input: unknown): Promise<any> };\n`;
const files = (options: { typed?: boolean; route?: string; global?: string } = {}) => ({
  'types.ts': TYPES,
  'node_modules/@aws-sdk/lib-dynamodb/index.d.ts': SDK,
  // Two hops: repo.ts → db.ts → client.ts, so the client's type comes from a file repo.ts does not import itself.
  'client.ts': client(options.typed ?? true),
  'db.ts': `export { raw as doc } from './client';\n`,
  'repo.ts': `import { doc } from './db';\nexport const load = (id: string) => doc.get({ TableName: 'Notes', Key: { id } });\n`,
  'route.ts':
    options.route ?? `import type { Req } from './types';\nexport const route = (req: Req) => req.params.id;\n`,
  'global.d.ts': options.global ?? `declare const BUILD: string;\n`,
});

/** The sites of repo.ts in a program, and how many nodes of repo.ts had to be looked at for them. */
function sitesOfRepo(program: ts.Program) {
  const analysis = new DynamoAnalysis(program, MODEL, [libDynamodb], [], 'kept-sites-test');
  const repo = sourceFile(program, 'repo.ts');
  const siteAt = vi.spyOn(analysis.sites, 'siteAt');
  const sites = analysis.sites.inFile(repo);
  const looked = siteAt.mock.calls.filter(([node]) => node.getSourceFile() === repo).length;
  return { sites, looked, repo };
}

describe('sink sites across the programs of an editor session', () => {
  test("an unchanged file's sites are reused when another file is edited", () => {
    const first = programOf(files());
    const before = sitesOfRepo(first);
    expect(before.sites.map((site) => site.api)).toEqual(['DynamoDBDocument.get']);
    expect(before.looked).toBeGreaterThan(0);

    const edited = programOf(files({ route: `export const route = () => 'edited';\n` }), first);
    const after = sitesOfRepo(edited);
    expect(after.repo).toBe(before.repo);
    expect(after.looked).toBe(0);
    expect(after.sites).toBe(before.sites);
  });

  test('an edit to a file it imports, two hops away, finds its sites again', () => {
    const first = programOf(files());
    const before = sitesOfRepo(first);
    expect(before.sites).toHaveLength(1);

    // client.ts no longer hands out a DynamoDB client: repo.ts's text is the same, its sites are not.
    const edited = programOf(files({ typed: false }), first);
    const after = sitesOfRepo(edited);
    expect(after.repo).toBe(before.repo);
    expect(after.sites).toEqual([]);
  });

  test('an edit to a global declaration file finds its sites again', () => {
    const first = programOf(files());
    const before = sitesOfRepo(first);
    const edited = programOf(files({ global: `declare const BUILD: number;\n` }), first);
    const after = sitesOfRepo(edited);
    expect(after.looked).toBeGreaterThan(0);
    expect(after.sites).not.toBe(before.sites);
    expect(after.sites.map((site) => site.api)).toEqual(['DynamoDBDocument.get']);
  });

  test('an edit to a module that augments the types of others finds its sites again', () => {
    const augmentation = (type: string) =>
      `export {};\ndeclare module '@aws-sdk/lib-dynamodb' { interface DynamoDBDocument { extra: ${type} } }\n`;
    const first = programOf({ ...files(), 'augment.ts': augmentation('string') });
    const before = sitesOfRepo(first);
    const edited = programOf({ ...files(), 'augment.ts': augmentation('number') }, first);
    const after = sitesOfRepo(edited);
    expect(after.repo).toBe(before.repo);
    expect(after.looked).toBeGreaterThan(0);
    expect(after.sites).not.toBe(before.sites);
  });

  test('without a configuration to key them by, nothing is kept', () => {
    const first = programOf(files());
    new DynamoAnalysis(first, MODEL, [libDynamodb]).sites.inFile(sourceFile(first, 'repo.ts'));
    const edited = programOf(files({ route: `export const route = () => 'edited';\n` }), first);
    const analysis = new DynamoAnalysis(edited, MODEL, [libDynamodb]);
    const siteAt = vi.spyOn(analysis.sites, 'siteAt');
    expect(analysis.sites.inFile(sourceFile(edited, 'repo.ts'))).toHaveLength(1);
    expect(siteAt).toHaveBeenCalled();
  });
});
