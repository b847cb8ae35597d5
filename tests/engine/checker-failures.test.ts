import ts from 'typescript';
import { Definitions } from '../../src/engine/definitions.js';
import { resolvedSignature } from '../../src/engine/types.js';

/**
 * TypeScript throws "Debug Failure. No error for last overload signature" when it is asked, out of
 * checking order, for the signature of a call that fails resolution inside a callback of an
 * overloaded call (`resolve(data)` in `s3.upload(params, (err, data) => …)`, a real Next.js file).
 */
const code = `
interface SendData { Location: string }
interface Options { partSize?: number }
declare const s3: {
  upload(params: { Bucket: string }, options?: Options, callback?: (err: Error, data: SendData) => void): void;
  upload(params: { Bucket: string }, callback?: (err: Error, data: SendData) => void): void;
};
export const up = (params): Promise<string | Error> => {
  return new Promise((resolve, reject) => {
    s3.upload(params, (err, data) => {
      if (err) reject(err);
      else resolve(data);
    });
  });
};
`;

function program() {
  const fileName = '/virtual/s3.ts';
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    name === fileName
      ? ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, true)
      : getSourceFile(name, version);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const created = ts.createProgram([fileName], options, host);
  const file = created.getSourceFile(fileName)!;
  let call: ts.CallExpression | undefined;
  const walk = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.getText(file).startsWith('resolve(')) call = node;
    node.forEachChild(walk);
  };
  walk(file);
  return { checker: created.getTypeChecker(), call: call! };
}

describe('checker failures', () => {
  test('the raw checker call throws on this program (the reproduction still reproduces)', () => {
    const { checker, call } = program();
    expect(() => checker.getResolvedSignature(call)).toThrow(/Debug Failure/);
  });

  test('resolvedSignature answers undefined instead of throwing', () => {
    const { checker, call } = program();
    expect(resolvedSignature(checker, call)).toBeUndefined();
  });

  test('the callee of such a call is unknown, not a crash', () => {
    const { checker, call } = program();
    expect(new Definitions(checker).callee(call)).toBeUndefined();
  });
});
