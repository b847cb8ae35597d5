import path from 'node:path';
import ts from 'typescript';
import { descendants, isWithin, outermostReads, ownSourceFiles, propertyNameOf, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { exportedFunction } from '../exposure/schema-scalars.js';
import type { Tracer } from '../flow/tracer.js';
import type { PipelineModel } from '../model.js';
import { hasOrigin } from '../taint.js';
import { pathWithin } from './access-paths.js';
import type { AccessPaths } from './access-paths.js';

/** Reads of one function looked at for the caller (bounded, like `Guards.readsRequest`). */
const MAX_READS = 64;

interface Step {
  readonly model: PipelineModel;
  /** The pipeline's files, function 0 first. */
  readonly files: readonly ts.SourceFile[];
  readonly index: number;
}

/**
 * Pipeline resolvers (AppSync): function N runs only after functions 0 to N-1 went through, and an
 * exit (`util.unauthorized()`, `util.error()`) in any function ends the whole resolver. So a check
 * on the caller that an earlier function makes and exits on guards every access of the later ones,
 * and a read whose item the next function takes (`ctx.prev.result`) and checks the caller against
 * reaches no one the check stops. A caller check is an exit at the top of a step's `request` or
 * `response` whose condition reads the caller, or the step's own answer (`ctx.result`) when its
 * request was keyed by the caller (a membership record: `if (!ctx.result) util.unauthorized()`).
 */
export class PipelineSteps {
  private steps: Map<ts.SourceFile, Step> | undefined;
  private readonly checks = new Map<ts.SourceFile, ts.Node | null>();

  constructor(
    private readonly tracer: Tracer,
    private readonly accessPaths: AccessPaths,
    /** Whether a statement always ends the resolver (`Guards.exits` without `return`, which only ends the step). */
    private readonly exits: (statement: ts.Statement) => boolean,
    private readonly program: ts.Program | undefined,
  ) {}

  /** The caller check that guards `use`, in a step of a pipeline: an earlier step's, or the next one's after a read. */
  guardOf(use: ts.Node): ts.Node | undefined {
    const file = use.getSourceFile();
    const step = this.stepOf(file);
    if (!step) return undefined;
    const { model, files, index } = step;
    const request = exportedFunction(file, model.request);
    const own = [request, exportedFunction(file, model.response)].find((fn) => fn && isWithin(use, fn));
    if (!own) return undefined;
    for (const earlier of files.slice(0, index)) {
      const check = this.callerCheck(earlier, model);
      if (check) return check;
    }
    const next = files[index + 1];
    if (!next || own !== request || !this.onlyReads(own, model) || !this.takesPrevious(next, model)) return undefined;
    return this.callerCheck(next, model);
  }

  /** The pipeline step a file is, by its name: one of a folder's files numbered from 0 without a gap, two at least. */
  private stepOf(file: ts.SourceFile): Step | undefined {
    if (!this.steps) {
      this.steps = new Map();
      for (const model of this.tracer.model.pipelines ?? []) this.index(model, this.steps);
    }
    return this.steps.get(file);
  }

  private index(model: PipelineModel, steps: Map<ts.SourceFile, Step>): void {
    const pattern = new RegExp(model.stepFile);
    const groups = new Map<string, Map<string, ts.SourceFile[]>>();
    for (const file of ownSourceFiles(this.program)) {
      const match = pattern.exec(path.basename(file.fileName));
      if (!match?.[1] || match[2] === undefined) continue;
      const key = path.join(path.dirname(file.fileName), match[1]);
      const numbered = groups.get(key) ?? new Map<string, ts.SourceFile[]>();
      groups.set(key, numbered);
      numbered.set(match[2], [...(numbered.get(match[2]) ?? []), file]);
    }
    for (const numbered of groups.values()) {
      // `0` to `n-1`, each one file: a gap, a `01` or a number given twice (`.js` beside `.ts`) is no pipeline read this way.
      const files = Array.from({ length: numbered.size }, (_, index) => numbered.get(String(index)));
      if (files.length < 2 || !files.every((each) => each?.length === 1)) continue;
      const ordered = files.map((each) => each![0]!);
      ordered.forEach((file, index) => steps.set(file, { model, files: ordered, index }));
    }
  }

  /** A check on the caller with an exit, at the top of the step's `request` or `response` (memo per file). */
  private callerCheck(file: ts.SourceFile, model: PipelineModel): ts.Node | undefined {
    const cached = this.checks.get(file);
    if (cached !== undefined) return cached ?? undefined;
    this.checks.set(file, null);
    const request = exportedFunction(file, model.request);
    // The step's own answer stands for the caller when its request was keyed by the caller.
    const keyedByCaller = () => !!request && this.reads(request).some((read) => this.readsCaller(read));
    let found: ts.Node | undefined;
    for (const fn of [request, exportedFunction(file, model.response)]) {
      if (!fn?.body || !ts.isBlock(fn.body)) continue;
      const result = this.contextPath(fn, model.result);
      found = fn.body.statements.find((statement) => {
        if (!ts.isIfStatement(statement) || !this.exits(statement.thenStatement)) return false;
        const reads = this.reads(statement.expression);
        if (reads.some((read) => this.readsCaller(read))) return true;
        return !!result && reads.some((read) => this.within(read, result)) && keyedByCaller();
      });
      if (found) break;
    }
    this.checks.set(file, found ?? null);
    return found;
  }

  /** Whether a step reads the answer the step before handed on (`ctx.prev.result`). */
  private takesPrevious(file: ts.SourceFile, model: PipelineModel): boolean {
    return [model.request, model.response].some((name) => {
      const fn = exportedFunction(file, name);
      const previous = fn && this.contextPath(fn, model.previous);
      return !!previous && this.reads(fn).some((read) => this.within(read, previous));
    });
  }

  /** Whether a step's request only reads: the `operation` its declared return type or its literals give. */
  private onlyReads(fn: FunctionNode, model: PipelineModel): boolean {
    const operations = this.operations(fn);
    return operations.length > 0 && operations.every((operation) => model.reads.includes(operation));
  }

  private operations(fn: FunctionNode): string[] {
    const checker = this.tracer.checker;
    const signature = checker.getSignatureFromDeclaration(fn);
    const member = signature && checker.getReturnTypeOfSignature(signature).getProperty('operation');
    const type = member && checker.getTypeOfSymbolAtLocation(member, fn);
    const types = type ? (type.isUnion() ? type.types : [type]) : [];
    if (types.length > 0 && types.every((each) => each.isStringLiteral())) return types.map((each) => each.value);
    // Untyped (`return { operation: 'GetItem', … }` widens to `string`): the literals written in the function.
    const written: string[] = [];
    for (const node of descendants(fn)) {
      if (!ts.isPropertyAssignment(node) || propertyNameOf(node) !== 'operation') continue;
      const value = skipOuter(node.initializer);
      if (!ts.isStringLiteralLike(value)) return [];
      written.push(value.text);
    }
    return written;
  }

  /** The access path of `member` of a step function's first parameter (`ctx.result`). */
  private contextPath(fn: FunctionNode, member: readonly string[]): string | undefined {
    const context = fn.parameters[0];
    return context && this.accessPaths.ofRef({ node: context, path: member });
  }

  /** Whether a read is the value at an access path or a part of it. */
  private within(read: ts.Expression, base: string): boolean {
    const own = this.accessPaths.of(read);
    return own !== undefined && pathWithin(own, base);
  }

  /** The outermost reads of a node: names and property chains (bounded). */
  private reads(root: ts.Node): ts.Expression[] {
    const reads: ts.Expression[] = [];
    for (const node of outermostReads(root)) {
      if (isDeclaredName(node)) continue;
      reads.push(node);
      if (reads.length >= MAX_READS) break;
    }
    return reads;
  }

  private readsCaller(read: ts.Expression): boolean {
    return hasOrigin(this.tracer.value(read), (origin) => origin.kind === 'principal');
  }
}

/** A name a declaration gives (`sub` of `const { sub } = …`, `userId` of `{ userId: sub }`), not a read. */
function isDeclaredName(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ((ts.isBindingElement(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isImportSpecifier(parent)) &&
      parent.name === node) ||
    (ts.isBindingElement(parent) && parent.propertyName === node)
  );
}
