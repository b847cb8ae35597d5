import type * as ts from 'typescript';
import type { Taint } from './taint.js';
import type { Specifier } from './types.js';

/**
 * A framework object whose properties are request sources or principals (an Express `req`,
 * a Lambda `event`, a Koa `ctx`). Models are data: the engine interprets them.
 */
export interface RequestObjectModel {
  /** Shown in messages, e.g. "Express". */
  readonly framework: string;
  /** Types that identify the object through the checker (preferred). */
  readonly types: readonly Specifier[];
  /** How to recognise the object when its type is `any` (plain JavaScript, untyped callbacks). */
  readonly untyped?: UntypedParameter;
  /** First property segment → human-readable source type (`params` → "route parameter"). */
  readonly sources?: Readonly<Record<string, string>>;
  /** Methods whose result is client-controlled (`req.get('x-id')`). */
  readonly sourceMethods?: Readonly<Record<string, string>>;
  /** Property paths that hold the authenticated caller (`['user']`, `['locals', 'user']`). */
  readonly principals?: readonly (readonly string[])[];
}

/** The `any`-typed fallback: a parameter of a route callback, found by shape. */
export interface UntypedParameter {
  /** Methods that register route callbacks (`app.get(path, handler)`). */
  readonly registrars: readonly string[];
  /** Position of the object among the callback's parameters. */
  readonly index: number;
  /** Parameter names accepted for a function not visibly passed to a registrar. */
  readonly names: readonly string[];
}

/** Everything the engine needs to know about the code it is not allowed to hard-code. */
export interface EngineModel {
  readonly requestObjects: readonly RequestObjectModel[];
  /** Results of modelled calls (for example, the items a DynamoDB read returns). */
  readonly produced?: (call: ts.CallExpression, checker: ts.TypeChecker) => ProducedValue | undefined;
  /** Functions that assert ownership of their arguments (`assertOwner(user, id)`). */
  readonly guardFunctions?: readonly string[];
}

export interface ProducedValue {
  readonly producer: string;
  /** Identifies the operation that produced the value, to match post-read checks to reads. */
  readonly site: ts.Node;
}

export type { Taint };

/** What a DynamoDB call does, which decides its key positions and expression semantics. */
export type Operation = 'get' | 'put' | 'update' | 'delete' | 'query' | 'scan';

/** A DynamoDB SDK: which constructors, client methods and input types are sinks. */
export interface SinkModel {
  /** The package that declares them, matched through the checker's symbols. */
  readonly package: string;
  /** `new GetCommand(input)`: constructor name → operation. */
  readonly commands: Readonly<Record<string, Operation>>;
  /** `doc.get(input)` on a client of one of `types`. */
  readonly clients?: readonly { readonly types: readonly Specifier[]; readonly methods: Readonly<Record<string, Operation>> }[];
  /** An object literal typed as one of these (`GetCommandInput`) is an input wherever it is written. */
  readonly inputTypes?: Readonly<Record<string, Operation>>;
  /** Client methods that run a command and resolve to its output (`client.send(command)`). */
  readonly sendMethods?: readonly string[];
}
