import ts from 'typescript';
import { descendants, ownSourceFiles, renamedImport, skipOuter, staticName } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import type { EngineModel } from '../model.js';
import { hasOrigin } from '../taint.js';
import type { Taint } from '../taint.js';
import { specifierNames } from '../types.js';
import { packageRootOf } from '../packages.js';
import { perFile } from './per-file.js';
import type { Stamped } from './per-file.js';

const MAX_PRINCIPAL_PROBES_PER_FILE = 300;
/** Whether some read of a file yields a principal, per configuration, kept with its `SourceFile` under its stamp (see `perFile`). */
const principalReads = new WeakMap<ts.SourceFile, Map<string, Stamped<boolean>>>();

/**
 * Whether the app a node belongs to authenticates anyone (SPEC §5): some code of its package (the
 * nearest folder with a `package.json`) reads a principal. A monorepo's packages are separate
 * apps, so a public service is not judged by its neighbour's login. Without one, only principal
 * records and items holding personal data are anyone's.
 */
export class Authentication {
  /** Packages where some access or write the evidence recorded involves a principal. */
  private readonly seen = new Set<string>();
  private readonly answers = new Map<string, boolean>();
  private readonly functions = new Map<FunctionNode, boolean>();

  constructor(
    private readonly analysis: DynamoAnalysis,
    private readonly configuration: string,
  ) {}

  /** Some access or write of the file involves a principal. */
  principalSeenIn(file: ts.SourceFile): void {
    this.seen.add(packageRootOf(file));
  }

  at(node: ts.Node): boolean {
    const root = packageRootOf(node.getSourceFile());
    let authenticated = this.answers.get(root);
    if (authenticated === undefined) {
      authenticated = this.seen.has(root) || this.readsPrincipal(root);
      this.answers.set(root, authenticated);
    }
    return authenticated;
  }

  /**
   * Whether a package reads a principal anywhere (`req.user`, `jwt.verify(…)`, an authorizer
   * claim). Each file is probed on its own, with its own bound, so the answer does not depend on
   * the order of the files. A file that reads one names it: a principal word of the models
   * (`user`, `claims`, `verify`, `getSession`) or a principal decorator; a helper that hands a
   * principal to its callers names it in its own file, which is probed in turn.
   */
  private readsPrincipal(root: string): boolean {
    return ownSourceFiles(this.analysis.program).some((file) => packageRootOf(file) === root && this.readInFile(file));
  }

  /** Whether some code of a file reads a principal (see `readsPrincipal`). */
  readInFile(file: ts.SourceFile): boolean {
    const words = principalWords(this.analysis.tracer.model);
    return (
      (this.analysis.tracer.requestObjects.mayReadRequests(file) || !!words?.test(file.text)) &&
      perFile(principalReads, file, this.configuration, this.analysis.stampOf(file), () =>
        this.readsPrincipalIn(file, words),
      )
    );
  }

  /**
   * Whether a function reads a principal itself (`req.user`, `context.user`, a verify call): its
   * callers know who calls. Asked of handlers, once each.
   */
  readIn(fn: FunctionNode): boolean {
    let found = this.functions.get(fn);
    if (found === undefined) {
      const words = principalWords(this.analysis.tracer.model);
      found = !!words?.test(fn.getText()) && this.readsPrincipalIn(fn, words);
      this.functions.set(fn, found);
    }
    return found;
  }

  /**
   * Whether some read under a node (a file, a function) yields a principal (bounded). Probed: the reads whose text names
   * a principal word, calls of a principal function imported under another name
   * (`import { verify as check }`), names bound from a principal property under another name
   * (`const { user: me } = req`) and decorated parameters (`@CurrentUser() me`). perf: a read
   * that names none of these holds a principal only through one of them, so it is not probed.
   */
  private readsPrincipalIn(root: ts.Node, words: RegExp | undefined): boolean {
    const tracer = this.analysis.tracer;
    const named = (text: string | undefined) => text !== undefined && !!words?.test(text);
    let probes = 0;
    const yields = (taint: Taint) => hasOrigin(taint, (origin) => origin.kind === 'principal');
    for (const node of descendants(root)) {
      if (probes >= MAX_PRINCIPAL_PROBES_PER_FILE) return false;
      if (ts.isParameter(node)) {
        if (!ts.canHaveDecorators(node) || !ts.getDecorators(node)?.length) continue;
        probes++;
        if (yields(tracer.parameterValue(node, []))) return true;
        continue;
      }
      if (ts.isBindingElement(node)) {
        const property = node.propertyName && staticName(node.propertyName);
        if (!named(property) || !ts.isIdentifier(node.name)) continue;
        probes++;
        if (yields(tracer.value(node.name))) return true;
        continue;
      }
      const outermost =
        (ts.isPropertyAccessExpression(node) &&
          !(ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node)) ||
        ts.isCallExpression(node);
      if (!outermost) continue;
      const text = ts.isCallExpression(node) ? node.expression.getText() : node.getText();
      const callee = ts.isCallExpression(node) ? skipOuter(node.expression) : undefined;
      if (!named(text) && !(callee && ts.isIdentifier(callee) && named(renamedImport(callee)))) continue;
      probes++;
      if (yields(tracer.value(node))) return true;
    }
    return false;
  }
}

/** The words of the models' principals: their path segments, principal methods and principal calls' names. */
function principalWords(model: EngineModel): RegExp | undefined {
  const words = new Set<string>();
  for (const object of model.requestObjects) {
    for (const path of object.principals ?? []) for (const segment of path) words.add(segment);
    for (const name of Object.keys(object.principalMethods ?? {})) words.add(name);
  }
  for (const spec of model.principalCalls ?? []) for (const name of specifierNames(spec)) words.add(name);
  const list = [...words].filter((word) => /^[\w$]+$/.test(word));
  return list.length ? new RegExp(`\\b(?:${list.map((word) => word.replace(/\$/g, '\\$')).join('|')})\\b`) : undefined;
}
