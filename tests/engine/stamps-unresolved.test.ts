import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { DynamoAnalysis } from '../../src/engine/dynamodb/analysis.js';
import { libDynamodb } from '../../src/models/lib-dynamodb.js';
import { MODEL } from './program.js';

/**
 * A file's stamp (what the caches kept across an editor's programs are reused under) covers the
 * files it imports through imports the checker cannot resolve but the engine follows (a package's
 * `imports` map with extensionless targets): an edit there changes what the importer's sinks are.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/subpath-imports');
const handler = path.join(root, 'src/handlers/devices.ts');
const entity = path.join(root, 'src/entities/Devices.ts');

// One options object for every program, as an editor's project keeps it (a new one is a new configuration).
const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  },
)!;

function program(entityText?: string, previous?: ts.Program): ts.Program {
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language) => {
    if (fileName === entity && entityText !== undefined)
      return ts.createSourceFile(fileName, entityText, language, true);
    return previous?.getSourceFile(fileName) ?? read(fileName, language);
  };
  return ts.createProgram(config.fileNames, config.options, host, previous);
}

const stampOfHandler = (p: ts.Program) =>
  new DynamoAnalysis(p, MODEL, [libDynamodb], [], 'stamps-test').stampOf(p.getSourceFile(handler)!);

describe('file stamps and imports resolved by the fallback', () => {
  test('the checker does not resolve the import, the stamp still follows it', () => {
    const first = program();
    const importer = first.getSourceFile(handler)!;
    const specifier = importer.statements
      .filter(ts.isImportDeclaration)
      .map((statement) => statement.moduleSpecifier)
      .find((node) => ts.isStringLiteral(node) && node.text === '#entities/Devices')!;
    expect(first.getTypeChecker().getSymbolAtLocation(specifier)).toBeUndefined();

    const same = program(undefined, first);
    expect(same.getSourceFile(handler)).toBe(importer);
    expect(stampOfHandler(same)).toBe(stampOfHandler(first));

    const edited = program(`${first.getSourceFile(entity)!.text}\nexport const edited = true;\n`, same);
    expect(edited.getSourceFile(handler)).toBe(importer);
    expect(stampOfHandler(edited)).not.toBe(stampOfHandler(same));
  });
});
