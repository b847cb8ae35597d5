import ts from 'typescript';
import { THIS, receiverClass, receiverOf, thisMemberSource } from '../flow/classes.js';
import type { FunctionNode } from '../ast.js';
import type { EngineModel, Operation, SinkModel, WrapperSinkModel } from '../model.js';
import { descendants, isLibraryFile, isWithin, moduleSpecifiers, ownSourceFiles, pushAll, skipOuter } from '../ast.js';
import { namingCallsIn } from '../callers.js';
import { isTrusted } from '../guards/facts.js';
import type { Equality } from '../guards/facts.js';
import { hasOrigin } from '../taint.js';
import type { Taint } from '../taint.js';
import { NO_CALL_CONTEXT } from '../flow/shapes.js';
import { argumentFor, substitute } from '../flow/arguments.js';
import { Tracer } from '../flow/tracer.js';
import type { Shape } from '../flow/shapes.js';
import { AccessReader } from './access.js';
import type { AccessFact } from './access.js';
import { InjectionReader } from './injection.js';
import type { InjectionPosition, WrittenInput } from './injection.js';
import { siteForCall, Sites } from './sites.js';
import type { SinkSite, SiteStore } from './sites.js';
import { fileStamps } from '../file-stamps.js';
import type { FileStamps } from '../file-stamps.js';
import { TableKeys } from './table-keys.js';
import { SinkReach } from './sink-reach.js';
import { provenByFind, tableOf, withoutFindsIn } from '../evidence/entities.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const READS: ReadonlySet<Operation> = new Set(['get', 'query', 'batchGet', 'transactGet', 'statement']);
/** Past this many function summaries in one program, further callees are not followed. */
const MAX_SUMMARIES = 20_000;
/** Call chains deeper than this are not followed (1,000 mutually recursive functions stay bounded). */
const MAX_SUMMARY_DEPTH = 40;
const MAX_FACTS_PER_SUMMARY = 64;

/**
 * Each file's sink sites, per configuration, kept with its `ts.SourceFile` beyond one program, so
 * that an editor's next program (one file edited) does not look for the sites of every other file
 * again. Invalidation: an entry is reused only while the file's stamp (`file-stamps.ts`) is the one
 * it was recorded with, that is while the file, every own file it imports transitively, every own
 * declaration, script or augmenting module, and the compiler options are unchanged; otherwise the
 * file's sites are found again and replace the entry. A fresh process (CI, `scan`) finds every
 * file's sites.
 */
const keptSites = new WeakMap<ts.SourceFile, Map<string, { readonly stamp: object; readonly sites: SinkSite[] }>>();

/**
 * DynamoDB accesses of a program, each with the origins of its key values: per file for the
 * rules, per function (summaries, parameters symbolic) for the callers in other functions and files.
 */
export class DynamoAnalysis {
  readonly tracer: Tracer;
  readonly sites: Sites;
  private readonly reader: AccessReader;
  private readonly injections: InjectionReader;
  private readonly summaries = new Map<FunctionNode, AccessFact[]>();
  private readonly fileFacts = new Map<ts.SourceFile, AccessFact[]>();
  private reach: SinkReach | undefined;
  private readonly wraps = new Map<ts.SourceFile, boolean>();
  private readonly imports = new Map<ts.SourceFile, ts.SourceFile[]>();
  private named: ReadonlySet<string> | undefined;
  private summaryDepth = 0;
  /** Functions whose summary is being built (on the stack): their placeholder summary is not final. */
  private readonly building = new Set<FunctionNode>();
  /** Each call's facts, bound to its arguments, once its callee's summary is complete (see `callFacts`). */
  private readonly boundFacts = new Map<ts.CallExpression | ts.NewExpression, AccessFact[]>();
  private stamps: FileStamps | undefined;

  /** `configuration` identifies the models: given, each file's sites are kept beyond this program (see `keptSites`). */
  constructor(
    readonly program: ts.Program,
    engineModel: EngineModel,
    sinkModels: readonly SinkModel[],
    wrappers: readonly WrapperSinkModel[] = [],
    configuration?: string,
  ) {
    const store = configuration === undefined ? undefined : this.siteStore(configuration);
    this.sites = new Sites(
      program.getTypeChecker(),
      sinkModels,
      wrappers,
      (file) => this.mayReachSinks(file),
      store,
      () => this.tracer,
    );
    this.tracer = new Tracer(program, engineModel, (call) =>
      this.sites.outputsOf(call).map((site) => ({ producer: site.api, site: site.node })),
    );
    const keys = new TableKeys(
      program,
      this.sites,
      this.tracer.definitions,
      configuration === undefined ? undefined : { configuration, stampOf: (file) => this.stampOf(file) },
    );
    this.reader = new AccessReader(this.tracer, keys);
    this.injections = new InjectionReader(this.tracer);
  }

  /** Every access whose key values may be read in this file: its own sinks and calls toward sinks. */
  factsInFile(file: ts.SourceFile): AccessFact[] {
    const cached = this.fileFacts.get(file);
    if (cached) return cached;
    const facts: AccessFact[] = [];
    if (this.mayReachSinks(file)) {
      for (const site of this.sites.inFile(file)) pushAll(facts, this.siteFacts(site));
      for (const call of callsIn(file)) pushAll(facts, this.callFacts(call));
    }
    this.fileFacts.set(file, facts);
    return facts;
  }

  /**
   * Whether a file contains a sink or leads to a file that does: a cheap text and import test that
   * lets most files skip the analysis (`SinkReach`).
   */
  mayReachSinks(file: ts.SourceFile): boolean {
    this.reach ??= new SinkReach(
      (candidate) =>
        this.sites.mayHoldSinks(candidate) ||
        [...this.givenNames()].some((name) => candidate.text.includes(`.${name}`)),
      (candidate) => this.leadsTo(candidate),
    );
    return this.reach.reaches(file);
  }

  /**
   * The files whose sinks a file may run: those it imports, and those declaring the classes that
   * implement an interface or abstract class it declares, since a call through that type runs
   * their methods (`Definitions.callee`) though neither the caller nor the type imports them
   * (a NestJS provider bound to an injection token in a module of its own); and those registering a
   * class or function it declares in a container, which injects its other registrations into it
   * (an awilix use case calling `this.todosRepository`, registered beside it); and those
   * registering in a container whose cradle it reads (an Apollo resolver's `dataSources.recipes`).
   */
  private *leadsTo(file: ts.SourceFile): Iterable<ts.SourceFile> {
    const definitions = this.tracer.definitions;
    for (const specifier of moduleSpecifiers(file)) {
      const target = definitions.imports?.moduleFile(specifier);
      if (target && !target.isDeclarationFile) yield target;
    }
    for (const implementation of definitions.implementationsOfTypesIn(file)) yield implementation.getSourceFile();
    yield* this.tracer.containers.registeringFilesOf(file);
    yield* this.tracer.containers.registeringFilesReadBy(file);
  }

  /**
   * Names a file holding sinks gives a value under on some holder (`fastify.decorate('store', { remove })`):
   * a file that reads `x.store` may run that value's methods without importing the file
   * (the member is declared by a module augmentation), see `Definitions.callee`.
   */
  private givenNames(): ReadonlySet<string> {
    if (this.named) return this.named;
    const names = new Set<string>();
    for (const file of ownSourceFiles(this.program)) {
      if (!this.sites.mayHoldSinks(file)) continue;
      for (const [name, calls] of namingCallsIn(file))
        if (IDENTIFIER.test(name) && calls.some((call) => ts.isPropertyAccessExpression(skipOuter(call.expression))))
          names.add(name);
    }
    return (this.named = names);
  }

  /**
   * Whether what a file's responses send may be a DynamoDB item: the file may reach sinks, or it
   * wraps functions that do. A handler wrapper (`wrap = (impl) => async (event) => { const r =
   * await impl(event); … }`) in a file that imports nothing reaching DynamoDB sends what its
   * callers pass it, so it is analysed when one of its functions calls its own parameter and a file
   * passes there a function of a file that may reach sinks. Only files the text and import test
   * rejects are walked, and a wrapper's callers are found by its names (`Definitions.callersOf`).
   */
  mayExposeItems(file: ts.SourceFile): boolean {
    if (this.mayReachSinks(file)) return true;
    let found = this.wraps.get(file);
    if (found === undefined) {
      found = this.wrapsReachingFunctions(file);
      this.wraps.set(file, found);
    }
    return found;
  }

  private wrapsReachingFunctions(file: ts.SourceFile): boolean {
    const passed = this.tracer.passed;
    for (const call of callsIn(file)) {
      const called = ts.isCallExpression(call) ? passed.parameterCalled(call) : undefined;
      if (!called) continue;
      if (passed.passedAt(called.wrapper, called.index).some((fn) => this.mayReachSinks(fn.getSourceFile())))
        return true;
    }
    return false;
  }

  /**
   * A file's stamp in this program (`file-stamps.ts`): the same object as in an editor's previous
   * program exactly when neither the file nor what its types depend on changed. Caches that keep a
   * file's results beyond one program (`keptSites`, the per-file evidence) reuse them under it.
   */
  stampOf(file: ts.SourceFile): object {
    this.stamps ??= fileStamps(this.program, (imported) => this.importedFiles(imported));
    return this.stamps.of(file);
  }

  /** The store of `keptSites` for this program: an entry is read only under the file's current stamp. */
  private siteStore(configuration: string): SiteStore {
    const stamps = { of: (file: ts.SourceFile) => this.stampOf(file) };
    return {
      get: (file) => {
        const kept = keptSites.get(file)?.get(configuration);
        return kept?.stamp === stamps.of(file) ? kept.sites : undefined;
      },
      set: (file, sites) => {
        let byConfiguration = keptSites.get(file);
        if (!byConfiguration)
          keptSites.set(
            file,
            (byConfiguration = new Map<string, { readonly stamp: object; readonly sites: SinkSite[] }>()),
          );
        byConfiguration.set(configuration, { stamp: stamps.of(file), sites });
      },
    };
  }

  /** The program's own files a file imports (static imports and exports, `require`, `import()`, import types). */
  private importedFiles(file: ts.SourceFile): ts.SourceFile[] {
    const cached = this.imports.get(file);
    if (cached) return cached;
    const specifiers = moduleSpecifiers(file);
    if (/\b(?:import|require)\s*\(/.test(file.text)) {
      for (const node of descendants(file)) {
        if (ts.isCallExpression(node) && node.arguments[0]) {
          const callee = node.expression;
          if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require'))
            specifiers.push(node.arguments[0]);
        } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
          specifiers.push(node.argument.literal);
        }
      }
    }
    const out: ts.SourceFile[] = [];
    for (const specifier of specifiers) {
      // The imports the analysis follows, those the checker cannot resolve included (`#entities/…`).
      const target = this.tracer.definitions.imports?.moduleFile(specifier);
      if (target && !isLibraryFile(target) && !out.includes(target)) out.push(target);
    }
    this.imports.set(file, out);
    return out;
  }

  /** Accesses a function performs (directly or through its callees) that depend on its parameters. */
  summary(fn: FunctionNode): AccessFact[] {
    const cached = this.summaries.get(fn);
    if (cached) return cached;
    if (this.summaries.size >= MAX_SUMMARIES || this.summaryDepth >= MAX_SUMMARY_DEPTH) return [];
    // Recursion: while a summary is being built, calls back into it contribute nothing.
    this.summaries.set(fn, []);
    this.building.add(fn);
    const facts: AccessFact[] = [];
    const file = fn.getSourceFile();
    try {
      if (this.mayReachSinks(file)) {
        this.summaryDepth++;
        try {
          for (const site of this.sites.inFile(file)) if (isWithin(site.node, fn)) pushAll(facts, this.siteFacts(site));
          for (const call of callsIn(fn)) pushAll(facts, this.callFacts(call, fn));
        } finally {
          this.summaryDepth--;
        }
      }
    } finally {
      this.building.delete(fn);
    }
    // Bounded: a function reaching the same sinks along exponentially many call paths keeps the first few.
    const relevant = facts.filter((fact) => dependsOn(fact, fn)).slice(0, MAX_FACTS_PER_SUMMARY);
    this.summaries.set(fn, relevant);
    return relevant;
  }

  private siteFacts(site: SinkSite): AccessFact[] {
    const facts = site.mapper
      ? this.reader.mapperFacts(site)
      : site.input
        ? this.inputFacts(site, this.tracer.shapes.of(site.input))
        : [this.reader.partsFact(site), ...injectionFact(site, this.injections.tableArgument(site))];
    return facts.map((fact) => this.completed(fact, site.node));
  }

  /** The key facts of an input's shapes, and one fact for the strings an injection could reshape. */
  private inputFacts(site: SinkSite, shapes: readonly Shape[], written?: WrittenInput): AccessFact[] {
    const facts = this.reader.facts(site, shapes);
    for (const shape of shapes) pushAll(facts, injectionFact(site, this.injections.positions(site, shape, written)));
    return facts;
  }

  /** The accesses a call leads to, with the callee's parameters bound to this call's arguments. */
  private callFacts(call: ts.CallExpression | ts.NewExpression, caller?: FunctionNode): AccessFact[] {
    // perf: a call without arguments carries the caller's values into the callee only through its
    // receiver (`new Repo(id).get()`, where `get` reads `this.id`).
    const bare = !call.arguments?.length;
    if (bare && !receiverOf(call)) return [];
    const fn = this.tracer.definitions.callee(call);
    if (!fn || fn === caller) return [];
    // perf: a call is reached both from its file and from the summary of the function around it.
    // Its bound facts depend only on the callee's summary (and the memoised values at the call),
    // so they are kept once that summary is complete, and never while it is still being built.
    const kept = this.settled(fn) ? this.boundFacts.get(call) : undefined;
    if (kept) return kept;
    const out = this.bindCallee(call, fn, bare);
    if (this.settled(fn)) this.boundFacts.set(call, out);
    return out;
  }

  /** Whether a function's summary is complete: built, and not on the stack of summaries being built. */
  private settled(fn: FunctionNode): boolean {
    return this.summaries.has(fn) && !this.building.has(fn);
  }

  /** `callFacts` for a call whose callee the program has: its summary's facts bound to the call's arguments. */
  private bindCallee(call: ts.CallExpression | ts.NewExpression, fn: FunctionNode, bare: boolean): AccessFact[] {
    if (!this.mayReachSinks(fn.getSourceFile()) || this.isConfiguredGuard(call)) return [];
    if (bare && !this.summary(fn).some((fact) => dependsOnReceiver(fact, fn))) return [];
    // A configured wrapper is a sink site itself: its body is not followed a second time.
    if (ts.isCallExpression(call) && this.sites.siteAt(call)) return [];
    const out: AccessFact[] = [];
    for (const fact of this.summary(fn)) {
      if (fact.pendingInput) {
        if (fact.pendingInput.fn !== fn) continue;
        const shapes = this.tracer.shapes.atArgument(call, fact.pendingInput, NO_CALL_CONTEXT);
        const argument = call.arguments?.[fact.pendingInput.index];
        const written = argument && { node: argument, path: fact.pendingInput.path };
        const site = siteForCall(fact.site, call, this.tracer.checker);
        if (!site) continue;
        pushAll(
          out,
          this.inputFacts(site, shapes, written).map((resolved) =>
            this.completed({ ...this.withCallersTable(resolved, fn, call), boundAt: call, calledAt: call }, call),
          ),
        );
        continue;
      }
      const bind = (taint: Taint) => substitute(this.tracer, taint, call, fn, true);
      const bound: AccessFact = {
        ...this.withCallersTable(fact, fn, call),
        boundAt: call,
        calledAt: fact.calledAt ?? call,
        keys: fact.keys.flatMap((position) => this.reader.entriesAt(call, fn, position, bind)),
        filters: fact.filters.flatMap((position) => this.reader.entriesAt(call, fn, position, bind)),
        witnesses: fact.witnesses.map(bind),
        ...(fact.injections
          ? { injections: fact.injections.map((position) => ({ ...position, taint: bind(position.taint) })) }
          : {}),
      };
      out.push(this.completed(bound, call));
    }
    return out;
  }

  /**
   * A fact of a callee as a call sees it: the table the call names for it. A wrapper's
   * `TableName: tableName` parameter is the call's argument (`getItem(id, 'Product')`), so each
   * caller's access is to its own table, not to one entity named after the parameter; an inherited
   * method's `TableName: this.tableName` is the table the receiver's class names.
   */
  private withCallersTable(fact: AccessFact, fn: FunctionNode, call: ts.CallExpression | ts.NewExpression): AccessFact {
    if (!fact.table) return fact;
    const table = argumentFor(this.tracer.definitions, call, fn, fact.table) ?? this.tableOfReceiver(fact.table, call);
    return table ? { ...fact, table } : fact;
  }

  /**
   * An inherited method's `TableName: this.tableName`, called on an object of a derived class: the
   * table that class names (`super({ tableName: 'Diagnosis' })`), for this call's access.
   */
  private tableOfReceiver(table: ts.Expression, call: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
    const { definitions, checker } = this.tracer;
    const owner = receiverClass(definitions, checker, call);
    return owner && thisMemberSource(definitions, table, owner);
  }

  /** A configured guard's own ownership lookup is how it checks, not an access to report. */
  private isConfiguredGuard(call: ts.CallExpression | ts.NewExpression): boolean {
    return this.tracer.calls(call, this.tracer.model.guardFunctions);
  }

  /** A fact as the queries see it: with the checks after its read, and only the proofs that hold for its table. */
  private completed(fact: AccessFact, anchor: ts.Node): AccessFact {
    const checked = this.withPostReadChecks(fact, anchor);
    const table = checked.table;
    const taints = [...checked.keys, ...checked.filters].map((position) => position.taint);
    if (!table || ![...taints, ...checked.witnesses].some(provenByFind)) return checked;
    const { definitions, checker } = this.tracer;
    const id = tableOf(definitions, checker, table).table;
    const undo = (taint: Taint) => withoutFindsIn(definitions, checker, taint, id);
    return {
      ...checked,
      keys: checked.keys.map((position) => ({ ...position, taint: undo(position.taint) })),
      filters: checked.filters.map((position) => ({ ...position, taint: undo(position.taint) })),
      witnesses: checked.witnesses.map(undo),
    };
  }

  /**
   * A read followed by a check that an attribute of what it returned equals a principal, exiting
   * otherwise, only lets the caller's own items through (`if (item.ownerId !== user.sub) return`).
   */
  private withPostReadChecks(fact: AccessFact, anchor: ts.Node): AccessFact {
    // A fact without key positions (injection positions only) has nothing for a check to scope.
    if (!READS.has(fact.site.operation) || fact.pendingInput || fact.keys.length === 0) return fact;
    const witnesses: Taint[] = [];
    // Every alternative of a check must tie the item to the caller (`owner === me || sharedWith.includes(myEmail)`).
    for (const alternatives of this.tracer.guards.equalitiesAfter(anchor)) {
      const found = alternatives.map((equalities) => this.witnessOf(fact.site.node, equalities));
      if (found.length > 0 && found.every((taint) => taint !== undefined)) witnesses.push(...found);
    }
    // A lookup keyed by the caller and an attribute of the item, that must find something.
    witnesses.push(...this.tracer.guards.lookupsAfter(anchor, fact.site.node));
    return witnesses.length ? { ...fact, witnesses: [...fact.witnesses, ...witnesses] } : fact;
  }

  /** The trusted value one of the equalities compares an attribute of the site's item with. */
  private witnessOf(site: ts.Node, equalities: readonly Equality[]): Taint | undefined {
    for (const { left, right } of equalities) {
      const leftTaint = this.tracer.guards.valueOf(left);
      const rightTaint = this.tracer.guards.valueOf(right);
      if (producedBy(leftTaint, site) && isTrusted(rightTaint)) return rightTaint;
      if (producedBy(rightTaint, site) && isTrusted(leftTaint)) return leftTaint;
    }
    return undefined;
  }
}

function producedBy(taint: Taint, site: ts.Node): boolean {
  return hasOrigin(taint, (origin) => origin.kind === 'produced' && origin.site === site);
}

/** A fact whose values derive from the receiver of the summarised method (`this.id`). */
function dependsOnReceiver(fact: AccessFact, fn: FunctionNode): boolean {
  const onThis = (taint: Taint) =>
    hasOrigin(taint, (origin) => origin.kind === 'param' && origin.fn === fn && origin.index === THIS);
  return (
    fact.keys.some((position) => onThis(position.taint)) ||
    fact.filters.some((position) => onThis(position.taint)) ||
    fact.witnesses.some(onThis) ||
    (fact.injections ?? []).some((position) => onThis(position.taint))
  );
}

function dependsOn(fact: AccessFact, fn: FunctionNode): boolean {
  if (fact.pendingInput) return fact.pendingInput.fn === fn;
  const onParam = (taint: Taint) => hasOrigin(taint, (origin) => origin.kind === 'param' && origin.fn === fn);
  return (
    fact.keys.some((position) => onParam(position.taint)) ||
    fact.filters.some((position) => onParam(position.taint)) ||
    fact.witnesses.some(onParam) ||
    (fact.injections ?? []).some((position) => onParam(position.taint))
  );
}

/** Injection positions travel as a fact of their own, with no key positions. */
function injectionFact(site: SinkSite, injections: InjectionPosition[]): AccessFact[] {
  return injections.length ? [{ site, keys: [], filters: [], witnesses: [], create: false, injections }] : [];
}

function callsIn(root: ts.Node): (ts.CallExpression | ts.NewExpression)[] {
  const out: (ts.CallExpression | ts.NewExpression)[] = [];
  for (const node of descendants(root)) if (ts.isCallExpression(node) || ts.isNewExpression(node)) out.push(node);
  return out;
}
