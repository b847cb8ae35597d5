import type { Sanitization } from './taint.js';
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
  /** Parameters that are this object whatever their type says, or where the type is `any`. */
  readonly parameters?: readonly ParameterMatcher[];
  /**
   * Library calls that return this object where their type is `any` or another, and `const`s
   * holding what one returned (a NestJS guard's `context.switchToHttp().getRequest()`).
   */
  readonly returnedBy?: readonly Specifier[];
  /**
   * Property path → human-readable source type. Keys are dotted prefixes: `params` →
   * "route parameter", `request.body` → "request body" (the longest prefix wins).
   */
  readonly sources?: Readonly<Record<string, string>>;
  /**
   * Source paths whose values the server produced in an earlier step (a GraphQL parent object):
   * client data for `strict`, but not a key the client chose, so `recommended` does not report an
   * access keyed only by them.
   */
  readonly serverProducedSources?: readonly string[];
  /** Methods whose result is client-controlled (`req.get('x-id')`, `c.req.param('id')`). */
  readonly sourceMethods?: Readonly<Record<string, string>>;
  /** Source methods whose result the framework validated first (Hono `c.req.valid('json')`). */
  readonly validatedMethods?: readonly string[];
  /** Route options that validate request parts before the handler runs (Fastify's `schema`). */
  readonly routeSchema?: RouteSchemaModel;
  /** Middleware that validates a handler's whole input first (middy `validator`, Powertools `parser`). */
  readonly handlerValidation?: HandlerValidationModel;
  /** Property paths that hold the authenticated caller (`['user']`, `['locals', 'user']`). */
  readonly principals?: readonly (readonly string[])[];
  /** How a fix reads the caller where the object holds none (`getServerSession(context.req, context.res, authOptions)`). */
  readonly callerHint?: string;
  /** Methods returning the caller for some first arguments: `c.get('jwtPayload')` (`'*'`: any argument). */
  readonly principalMethods?: Readonly<Record<string, readonly string[]>>;
  /**
   * The object is client data as a whole, of this source type: every part of it, and the object
   * itself (a server action's argument, a GraphQL resolver's `args`). Principals still win.
   */
  readonly whole?: string;
  /**
   * Values the program stores on the object and reads back by key: `c.set('userId', v)` is read by
   * `c.get('userId')` and `c.var.userId`. The read is whatever was stored (a principal when
   * verifying middleware stored it, request data when a header was), not a fixed source.
   */
  readonly variables?: {
    /** Methods that store: `set(key, value)`. */
    readonly setters: readonly string[];
    /** Methods that read back: `get(key)`. */
    readonly getters: readonly string[];
    /** The property that holds them, as a path segment: `var` (`c.var.userId`). */
    readonly property: string;
  };
  /**
   * A schema the procedure declares for its input, through a builder method (`t.procedure.input(Schema)
   * .query(({ input }) => …)`) or an option next to the resolver (`{ input: Schema, resolve }`):
   * `source` is the parameter's property it validates.
   */
  readonly inputSchema?: { readonly method: string; readonly source: string };
  /**
   * The builder method that runs a middleware before the procedure's resolver (`t.procedure.use(fn)`):
   * the middleware is given the same options object as the resolver (`{ ctx, input, next }`), so
   * what it proves about its options before calling on holds in the resolver.
   */
  readonly procedureMiddleware?: string;
  /**
   * GraphQL arguments under these paths of the object (`[]`: the object is the arguments, `['arguments']`:
   * an AppSync event's). The server validates them against the schema before the resolver runs and
   * rejects fields an input type does not declare, so the keys of an argument the schema types as an
   * input type are the schema's allow-list (`graphql-schema.ts`, `argumentKeysDeclared`).
   */
  readonly schemaArguments?: {
    readonly paths: readonly (readonly string[])[];
  };
  /**
   * The object is what a factory function of the program returned: a GraphQL resolver's context is
   * the value of the server's `context` option (`new ApolloServer({ context: ({ event }) => ({
   * userId: event.headers['x-user-id'] }) })`). A read of the object is the factory's return value
   * at the same path (request data when built from a header, the caller when built from a verified
   * token); where the program has no such factory, or the value it built is neither, the
   * properties above decide.
   */
  readonly builtBy?: {
    /** Calls or constructors that take the factory in an options object (`ApolloServer`, `createYoga`). */
    readonly callees: readonly string[];
    /** The option holding the factory (`context`). */
    readonly property: string;
  };
  /**
   * Property paths the deployed framework always sets on the object (`['apiGateway']`, which an
   * Express-on-Lambda middleware sets): a branch taken only when one is absent is for local
   * development and never runs in production (`if (req.apiGateway) … else …`: the `else` is dead).
   */
  readonly present?: readonly (readonly string[])[];
}

/**
 * A JSON Schema in a route's options, per request part: `{ schema: { params: {…}, querystring:
 * {…} } }`. `parts` maps a source path head (`query`) to its key in the schema (`querystring`).
 */
export interface RouteSchemaModel {
  /** The option holding the schemas (`schema`); absent when the parts are options themselves (Elysia's `{ params }`). */
  readonly option?: string;
  /** The option naming the handler in a route object (`handler`). */
  readonly handler: string;
  readonly parts: Readonly<Record<string, string>>;
}

/** `middy(handler).use(validator({ eventSchema }))`, `@parser({ schema })`. */
export interface HandlerValidationModel {
  /** Functions that wrap a handler in a middleware chain (`middy`). */
  readonly wrappers: readonly Specifier[];
  /** Middleware factories that validate the input (`validator`, `parser`). */
  readonly middleware: readonly Specifier[];
  /** Method decorator factories that validate the input (`parser`). */
  readonly decorators?: readonly Specifier[];
  /**
   * Options of the middleware that hold a JSON Schema of the whole event (`eventSchema`, `inputSchema`):
   * a field the schema restricts to an `enum` or a `const` is allow-listed.
   */
  readonly schemaOptions?: readonly string[];
  /** Calls that compile a schema and take it as their first argument (`transpileSchema(schema)`). */
  readonly schemaCompilers?: readonly Specifier[];
}

/** How a parameter is recognised as a request object without (or despite) its type. */
export type ParameterMatcher =
  /** `app.get(path, (req, res) => …)` with `req: any`: a callback passed to a registrar. */
  | {
      readonly kind: 'callback';
      readonly registrars: readonly string[];
      readonly index: number;
      readonly names?: readonly string[];
      /** Or an untyped object pattern that destructures one of these properties (`({ input, ctx }) => …`). */
      readonly destructured?: readonly string[];
    }
  /** An `any` parameter named like one (`event` of a plain-JavaScript Lambda handler). */
  | { readonly kind: 'named'; readonly names: readonly string[]; readonly index: number }
  /** A parameter of an exported function with one of these names (Next.js `GET(request, { params })`). */
  | { readonly kind: 'exported'; readonly functions: readonly string[]; readonly index: number }
  /** A parameter with one of these decorators (NestJS `@Req()`). */
  | { readonly kind: 'decorated'; readonly decorators: readonly string[] }
  /**
   * Any parameter of an exported function of a module whose first statement is this directive, or
   * of a function whose body starts with it (`'use server'`).
   */
  | { readonly kind: 'directive'; readonly directive: string }
  /**
   * The Nth parameter of a function written as a property (or method) of an object literal:
   * named one of `properties` if given; the literal being the value of a property named one of
   * `under` (`{ Query: { note: (parent, args) => … } }`) or held by a variable of that name, or an argument of a call of a function or
   * method named one of `callees` (`.query('name', { resolve(opts) { … } })`).
   */
  | {
      readonly kind: 'member';
      readonly index: number;
      readonly properties?: readonly string[];
      readonly under?: readonly string[];
      readonly callees?: readonly string[];
      /**
       * Or the literal being the value of any property of an object literal that also has one of
       * these properties (a field resolver `User: { notes(parent, args) {…} }` beside `Query`).
       */
      readonly besideAny?: readonly string[];
      /**
       * Or the function being a field's resolver in a code-first schema (the literal is a field's
       * config): by the function's contextual type, one of `resolverTypes` (graphql-js's
       * `GraphQLFieldResolver`), or by its place, the config being a field of the `property` option
       * (an object, or a function returning one) of a call or constructor of one of `callees`
       * (`new GraphQLObjectType({ name, fields: { me: { args, resolve: (parent, args) => … } } })`).
       */
      readonly fieldOf?: {
        readonly resolverTypes: readonly Specifier[];
        readonly callees: readonly Specifier[];
        readonly property: string;
        /**
         * Only a config whose output `type` is one of these (through the wrapping constructors'
         * first argument: `new GraphQLNonNull(GraphQLJSON)`): a JSON scalar, whose resolver's return is sent whole.
         */
        readonly outputTypes?: readonly Specifier[];
      };
    }
  /**
   * A parameter whose type (declared, or inferred from the callee; not `any`) has every one of
   * these properties: a type written by hand, or an anonymous one a library infers.
   */
  | {
      readonly kind: 'shape';
      readonly index: number;
      readonly properties: readonly string[];
      /**
       * Where the parameter has no declared type (plain JavaScript: `any`, or the type a
       * destructuring pattern implies), it matches when its function is a module's export (or what
       * an export wraps), the program does not call it itself, and it reads every property of one
       * of these sets (`event.pathParameters`, `({ pathParameters: { id } })`).
       */
      readonly reads?: readonly (readonly string[])[];
    }
  /**
   * `any` parameter of a callback passed to a plain function call (`defineEventHandler((event) => …)`),
   * where `callback` covers method registrars (`app.get(…)`).
   */
  | { readonly kind: 'wrapped'; readonly functions: readonly string[]; readonly index: number };

/** Parameters whose decorator makes them a source or a principal (NestJS `@Param('id')`). */
export interface DecoratorModel {
  readonly framework: string;
  /** Decorator name → source type; the decorator's first string argument names the property. */
  readonly sources: Readonly<Record<string, string>>;
  /** Custom decorators whose name says they inject the caller (`@CurrentUser()`). */
  readonly principalPattern: string;
  /** Pipes that check a decorated parameter (`@Param('id', ParseUUIDPipe)`), by class name. */
  readonly pipes?: Readonly<Record<string, Sanitization>>;
  /**
   * Decorators on a DTO class's fields that constrain the text (`@IsUUID()`), by name;
   * `pattern`: its first argument is a regular expression that must constrain the whole text.
   */
  readonly fieldValidators?: Readonly<Record<string, Sanitization | 'pattern'>>;
  /**
   * Pipes that strip the properties a DTO class does not declare when built with `option` set
   * (`new ValidationPipe({ whitelist: true })`), by class name: where the program builds one, a
   * DTO-typed decorated parameter holds only its class's fields.
   */
  readonly whitelistPipes?: { readonly names: readonly string[]; readonly option: string };
  /** Guard classes a decorator runs before a route (SPEC §4: a guard that admits only administrators makes the route privileged). */
  readonly routeGuards?: RouteGuardModel;
}

/**
 * Route guards by decorator (`@UseGuards(AuthGuard, RolesGuard)` on a controller method or its
 * class): the guard's method that lets the request on, and the route metadata a guard may read
 * for the roles it admits (`@Roles('admin')` = `SetMetadata('roles', ['admin'])`, read by
 * `reflector.getAllAndOverride('roles', [context.getHandler(), context.getClass()])`).
 */
export interface RouteGuardModel {
  /** Decorators whose arguments are guard classes (or instances). */
  readonly decorators: readonly string[];
  /** The guard's method whose outcome admits the request (`canActivate`): it throws or returns false to stop it. */
  readonly method: string;
  /** Calls that attach a value to a route under a key (`SetMetadata(key, value)`), as decorators or inside decorator factories. */
  readonly metadataSetters: readonly Specifier[];
  /** Methods that read a route's metadata by key (`Reflector.get`, `getAllAndOverride`, `getAllAndMerge`). */
  readonly metadataReaders: readonly Specifier[];
  /** Calls in a read's targets that name the route's method and its class (`context.getHandler()`, `context.getClass()`). */
  readonly targets: { readonly method: string; readonly class: string };
}

/** Everything the engine needs to know about the code it is not allowed to hard-code: plain data. */
export interface EngineModel {
  readonly requestObjects: readonly RequestObjectModel[];
  readonly decorators?: readonly DecoratorModel[];
  /** Functions whose result is client-controlled (user-configured request helpers). */
  readonly sourceCalls?: readonly SourceCallModel[];
  /** Functions whose result is the verified caller (`jwt.verify`, `getServerSession`). */
  readonly principalCalls?: readonly Specifier[];
  /** Library functions whose result carries their arguments' data (`marshall`, `jwt.decode`). */
  readonly propagators?: readonly Specifier[];
  /** Functions that return a new unique id on every call (`randomUUID`, uuid's `v4`): a put keyed by one is a create. */
  readonly freshIdCalls?: readonly Specifier[];
  /** Functions that assert ownership of their arguments (`assertOwner(user, id)`). */
  readonly guardFunctions?: readonly Specifier[];
  /** Library and user functions that validate a value (schema parses, format checks). */
  readonly validators?: readonly ValidatorModel[];
  /**
   * Privileged access (SPEC §4): words that name an administrative role (`admin`, `manager`), as
   * tested on the principal, and route middleware that the user names as role gates.
   */
  readonly privilege?: { readonly roles: readonly string[]; readonly gates: readonly string[] };
  /**
   * Names that make a table, key prefix or key attribute a principal's own record (SPEC §5), and
   * the words of attributes that record whose an item is (`ownerId`, `createdBy`): on the caller's
   * own record, such an attribute names someone else.
   */
  readonly principalRecords?: {
    readonly kinds: readonly string[];
    readonly keyNames: readonly string[];
    readonly ownerReferences?: readonly string[];
  };
  /**
   * Schema libraries: what a parse keeps of its input (an object schema's declared fields, for the
   * exposure rule) and what each field's schema proves about its text (for validation).
   */
  readonly schemas?: readonly SchemaModel[];
  /** Containers that hand the value they hold to callbacks (a result type's `map`, `andThen`), by type. */
  readonly valueCallbacks?: readonly ValueCallbackModel[];
  /** Loaders that read items by key through a batch function the program gives them (DataLoader). */
  readonly keyedReads?: readonly KeyedReadModel[];
  /**
   * Library functions that run a function their options hold and answer with what it returns
   * (`runWithAmplifyServerContext({ operation: (ctx) => fetchAuthSession(ctx) })`).
   */
  readonly callbackRunners?: readonly CallbackRunnerModel[];
  /**
   * Requests whose answer is the caller a service verified (`client.send(new GetUserCommand({
   * AccessToken }))`: the identity provider checks the token and names its owner).
   */
  readonly principalCommands?: PrincipalCommandModel;
  /** Authorizers that verify a token before any handler runs, and the decoders that read it after them. */
  readonly gatewayAuthorizers?: GatewayAuthorizerModel;
  /** What makes a check a proof that the client holds an item's secret (session middleware, `guards/session-checks.ts`). */
  readonly sessionChecks?: SessionCheckModel;
  /** Dependency-injection containers that hand out what is registered under a name (awilix). */
  readonly containers?: readonly ContainerModel[];
  /** Deployment templates that give each function its environment (AWS SAM, serverless.yml). */
  readonly deployments?: readonly DeploymentModel[];
  /** Pipeline resolvers whose functions run in an order their files' names give (AppSync, `guards/pipelines.ts`). */
  readonly pipelines?: readonly PipelineModel[];
}

/**
 * A pipeline resolver's functions as files of one folder (AppSync: `Query.getNote0.ts`,
 * `Query.getNote1.ts`, wired in that order by the deployment): function N runs only after
 * functions 0 to N-1 went through, and an exit in any of them ends the whole resolver.
 */
export interface PipelineModel {
  readonly framework: string;
  /** The file name of function N (a regular expression's source): group 1 names the resolver, group 2 is N. */
  readonly stepFile: string;
  /** The exported functions of a step: the one that builds the data source's request, and the one that handles its answer. */
  readonly request: string;
  readonly response: string;
  /** Where the first parameter of a step's functions holds its own data source's answer (`ctx.result`)... */
  readonly result: readonly string[];
  /** ...and the answer the step before handed on (`ctx.prev.result`). */
  readonly previous: readonly string[];
  /** The `operation` values of requests that only read (a read whose item a later check guards reaches no one past it). */
  readonly reads: readonly string[];
}

/**
 * A deployment template format: where it declares the functions, the handler file each runs, the
 * environment variables each is given, and the tables those variables may name (`!Ref NotesTable`).
 * Property paths are read from the template's root, or (for `functions` members) from a function's entry.
 */
export interface DeploymentModel {
  readonly format: string;
  /** The template's file names, looked for in the folders above the program's files. */
  readonly files: readonly string[];
  /** The map of functions (`Resources`, `functions`), and the `Type` values its function entries have, if any. */
  readonly functions: { readonly path: readonly string[]; readonly types?: readonly string[] };
  /** Within a function's entry: the handler (`src/notes.handler`: file, then the exported name after the last dot). */
  readonly handler: readonly string[];
  /** Within a function's entry: the folder the handler's path is relative to, when given (else the template's). */
  readonly codeUri?: readonly string[];
  /** Within a function's entry: its environment variables. */
  readonly environment: readonly string[];
  /** From the root: the code folder and the environment every function gets unless its own says otherwise. */
  readonly shared: { readonly codeUri?: readonly string[]; readonly environment: readonly string[] };
  /** The map of resources a `Ref` names, the `Type` values of tables, and a table's own name within its entry. */
  readonly tables: {
    readonly path: readonly string[];
    readonly types: readonly string[];
    readonly name: readonly string[];
  };
  /**
   * YAML short forms of intrinsic functions (`!Ref X` for `{ Ref: X }`, `!GetAtt` for
   * `{ 'Fn::GetAtt': … }`): without them a YAML parser rejects the template.
   */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The same configuration written as a TypeScript or JavaScript module (`serverless.ts`): file
   * names, and the functions whose call deep-merges the objects it is passed (`deepmerge(base, own)`).
   */
  readonly scripts?: { readonly files: readonly string[]; readonly merges: readonly Specifier[] };
  /** The gateway authorizers that verify a bearer token before a function's HTTP routes reach it. */
  readonly gateway?: GatewayRoutesModel;
}

/**
 * How a deployment template protects a function's HTTP routes: each route event of the function
 * (`events: [{ httpApi: { path, authorizer: 'cognito' } }]`) names an authorizer, declared inline
 * or by name in a map of the template; one that verifies a JWT (an issuer URL) or a Cognito
 * user-pool token, from the `Authorization` header, lets only verified tokens through.
 */
export interface GatewayRoutesModel {
  /** Within a function's entry: its list of events. */
  readonly events: readonly string[];
  /** The members of an event that declare an HTTP route (`http`, `httpApi`); a function with any other event is not guarded. */
  readonly routeKinds: readonly string[];
  /** Members of a function's entry that expose it without the gateway (`url`: a function URL). */
  readonly directAccess: readonly string[];
  /** Within a route: its authorizer (a name, or an object with a `name` or its own settings). */
  readonly authorizer: string;
  /** From the root: the authorizers declared by name (`provider.httpApi.authorizers`). */
  readonly declared: readonly string[];
  /** Members whose presence makes an authorizer a JWT authorizer (`issuerUrl`). */
  readonly issuerMembers: readonly string[];
  /** `type` values (lower case) of token-verifying authorizers (`jwt`, `cognito_user_pools`); no `type` with an issuer is a JWT one. */
  readonly tokenTypes: readonly string[];
  /** Text in an authorizer's `arn` that names a Cognito user pool (`:cognito-idp:`). */
  readonly userPoolArns: readonly string[];
  /** Text (lower case) of the identity source that names the header a verified token comes in. */
  readonly identityHeader: string;
}

/**
 * A dependency-injection container: a value looked up by name (`container.resolve('todos')`,
 * `container.cradle.todos`) is what the program registered under that name, so a method called
 * on it runs the registered class's method, as on `new Todos(…)`; a registered class's
 * constructor parameters are the registrations of their names.
 */
export interface ContainerModel {
  /** The package of the container (its methods and helpers matched through the checker, or by import where it has no types). */
  readonly package: string;
  /** Methods that hand out the registration named by their first argument: `container.resolve('todos')`. */
  readonly lookups: readonly string[];
  /** A member whose properties are the registrations: `container.cradle.todos`. */
  readonly cradle?: string;
  /** Methods that register: `container.register({ todos: asClass(Todos) })` or `register('todos', asClass(Todos))`. */
  readonly registers: readonly string[];
  /**
   * The package's helpers that wrap what is registered, by what the name then stands for: an
   * instance of the class (`asClass(Todos)`), what the function returns (`asFunction(makeTodos)`),
   * or the value itself (`asValue(todos)`).
   */
  readonly registrations: Readonly<Record<string, 'class' | 'factory' | 'value'>>;
  /**
   * Options of a call whose function returns the registrations as the members of an object, each
   * a value: Apollo Server's `new ApolloServer({ dataSources: () => ({ recipes: new RecipesAPI() })
   * })`. `path` reads into the returned object first (`context: () => ({ dataSources: { … } })`).
   * They are looked up only through the cradle.
   */
  readonly options?: readonly ContainerOption[];
}

/** A call option whose function's returned object registers its members (`ContainerModel.options`). */
export interface ContainerOption {
  /** The calls or constructors taking it, by name (`ApolloServer`, `startStandaloneServer`). */
  readonly callees: readonly string[];
  /** The option holding the function (`dataSources`). */
  readonly property: string;
  /** Where in the returned object the registrations are (`['dataSources']`); none: the object itself. */
  readonly path?: readonly string[];
}

/** A function whose result is client data: `readBody(event)`, or a user-configured request helper. */
export interface SourceCallModel {
  readonly callee: Specifier;
  readonly sourceType: string;
  /**
   * The argument that validates the data before it is returned (`readValidatedBody(event,
   * Schema.parse)`): the result is as validated as that schema makes each field.
   */
  readonly schemaArgument?: number;
}

/**
 * A call that validates one of its arguments. Type predicates (`x is NoteId`, ajv and TypeBox
 * checks) are found through the checker and need no model.
 */
export interface ValidatorModel {
  readonly callee: Specifier;
  /** The argument it checks. */
  readonly argument: number;
  /**
   * `predicate`: a truthy result proves the argument valid (`uuid.validate(id)`);
   * `assertion`: returning at all does (`Joi.assert(body, schema)`);
   * `parse`: the result (at `resultPath`, if given) is the checked value (`schema.parse(body)`);
   * `factory`: the result is a predicate function (`const validate = ajv.compile(schema)`), found
   *   through the variable that holds it where the checker cannot type it.
   * Unset: whichever way the call is used (a user's own validator).
   */
  readonly kind?: 'predicate' | 'assertion' | 'parse' | 'factory';
  readonly resultPath?: string;
  /**
   * The result's property that reports the outcome (joi's `error`, valibot's `success`): where the
   * checked value is returned either way, it only counts after a test of this property that exits.
   */
  readonly outcomePath?: string;
  /** The checked argument belongs to the call the method is called on: `validationResult(req).isEmpty()`. */
  readonly ofReceiverCall?: boolean;
  /** Membership in a list of constants (`validator.isIn(x, list)`), not only a format. */
  readonly allowList?: boolean;
  /**
   * The result's property that is true when the check passed (zod's `success`), for a parse whose
   * checked value is otherwise left out: a test of it that exits validates the values of an object
   * built for the parse (`Schema.safeParse({ host: hostId })`).
   */
  readonly successPath?: string;
}

/** What a DynamoDB call does, which decides its key positions and expression semantics. */
export type Operation =
  | 'get'
  | 'put'
  | 'update'
  | 'delete'
  | 'query'
  | 'scan'
  | 'batchGet'
  | 'batchWrite'
  | 'transactGet'
  | 'transactWrite'
  | 'statement'
  | 'batchStatement'
  | 'transactStatement';

/** A DynamoDB SDK: which constructors, client methods, functions and input types are sinks. */
export interface SinkModel {
  /** Shown in messages and docs, e.g. "@aws-sdk/lib-dynamodb". */
  readonly sdk: string;
  /** The package that declares them, matched through the checker's symbols. */
  readonly package: string;
  /** `new GetCommand(input)`: constructor name → operation. */
  readonly commands?: Readonly<Record<string, Operation>>;
  /** `doc.get(input)` on a client of one of `types`. */
  readonly clients?: readonly {
    readonly types: readonly Specifier[];
    readonly methods: Readonly<Record<string, Operation>>;
  }[];
  /** `paginateQuery(config, input)`: function name → operation and the input's argument index. */
  readonly functions?: Readonly<Record<string, { readonly operation: Operation; readonly input: number }>>;
  /** An object literal typed as one of these (`GetCommandInput`) is an input wherever it is written. */
  readonly inputTypes?: Readonly<Record<string, Operation>>;
  /** Client methods that run a command and resolve to its output (`client.send(command)`). */
  readonly sendMethods?: readonly string[];
  /** A data mapper's entities and functions (ElectroDB, dynamoose, …), instead of SDK commands. */
  readonly mapper?: MapperModel;
}

/**
 * A user's own data-access wrapper (`db.fetch(table, key)`): its arguments are an access's
 * table and key, or its whole input object.
 */
export interface WrapperSinkModel {
  readonly callee: Specifier;
  readonly operation: Operation;
  /** Argument index of a whole input object (`{ TableName, Key }`). */
  readonly input?: number;
  /** Argument index of the key object. */
  readonly key?: number;
  /** Argument index of the table name. */
  readonly table?: number;
}

/**
 * Where a framework hands a value to the HTTP response: the sinks of `no-raw-item-response`.
 * Objects are recognised by type first, by parameter shape where the type is `any`.
 */
export interface ResponseModel {
  readonly framework: string;
  /** Response objects (`res`, `reply`, `ctx`, `c`) and what sends through them. */
  readonly objects?: readonly ResponseObjectModel[];
  /** `NextResponse.json(x)`, `Response.json(x)`: a class (by its symbol) and static methods whose first argument is sent. */
  readonly staticMethods?: readonly { readonly classes: readonly Specifier[]; readonly methods: readonly string[] }[];
  /** `new Response(body)`: classes whose first constructor argument is the body. */
  readonly constructors?: readonly Specifier[];
  /** Route registrations whose handler's returned value is sent (Fastify's `app.get(path, handler)`). */
  readonly handlerRegistrars?: readonly {
    readonly types: readonly Specifier[];
    readonly methods: readonly string[];
    /** An options object's property that holds the handler (`app.route({ handler })`). */
    readonly handlerProperty?: string;
  }[];
  /**
   * Functions with a parameter of one of these types are route handlers whose returned value is
   * sent, wherever they are registered (`async function getUser(request, reply: FastifyReply)`).
   */
  readonly handlerParameters?: readonly Specifier[];
  /** Controller classes whose routed methods' returned value is sent (NestJS). */
  readonly controllers?: readonly {
    readonly classDecorators: readonly string[];
    readonly methodDecorators: readonly string[];
    /** A parameter with one of these decorators means the method sends through it instead (`@Res()`). */
    readonly responseParameterDecorators: readonly string[];
  }[];
  /** Result objects whose `body` is sent: a literal with every `required` property (`{ statusCode, body }`). */
  readonly results?: readonly { readonly required: readonly string[]; readonly body: string }[];
  /**
   * Handlers of a request object model whose returned value is sent, however their parameters are
   * written: a parameter is the model's object (by type, declared or inferred, or by its matchers),
   * or the function is where the model's handlers are written (tRPC procedures, server actions).
   */
  readonly handlers?: {
    readonly types: readonly Specifier[];
    readonly parameters?: readonly ParameterMatcher[];
    /** Only this property of the returned object is sent (`props` of `getServerSideProps`); the whole value without it. */
    readonly sent?: string;
  };
  /**
   * GraphQL resolver maps: a resolver whose field the program's schema declares with one of these
   * scalars (`note: JSON`) sends what it returns, since the scalar passes the whole value through.
   */
  readonly schemaScalars?: readonly string[];
  /**
   * GraphQL resolvers whose return the client gets through the field's output type: what they
   * return is a response, projected to the fields the schema declares (never a raw item, but an
   * item read there is handed to the caller).
   */
  readonly projectedResolvers?: {
    readonly types: readonly Specifier[];
    readonly parameters?: readonly ParameterMatcher[];
  };
  /**
   * Resolver classes (TypeGraphQL, `@nestjs/graphql`): in a class decorated with one of
   * `classDecorators`, a method decorated with one of `methodDecorators` whose type function names
   * a JSON scalar (`@Query(() => GraphQLJSON)`: one of `scalars`, or a `new GraphQLScalarType({ name })`
   * of the program named in `schemaScalars`) sends what it returns. Other types project it.
   */
  readonly resolverClasses?: {
    readonly classDecorators: readonly string[];
    readonly methodDecorators: readonly string[];
    readonly scalars: readonly Specifier[];
  };
  /**
   * Resolver modules (AppSync JavaScript resolvers): the exported `request` function returns the
   * DynamoDB request, the exported `response` function returns what the client gets, and the
   * request's output sits at `result` of the response's first parameter (`ctx.result`). The
   * response's return is sent when the field the module's file names (`Query.getNote.js`) is
   * declared with one of `schemaScalars`, in the program or in the project's `.graphql` files;
   * `items` says where a read's output holds whole items (`[]`: the output is the item).
   */
  readonly resolverModules?: {
    readonly request: string;
    readonly response: string;
    readonly result: readonly string[];
    readonly roots: readonly string[];
    readonly items: Partial<Record<Operation, readonly (readonly string[])[]>>;
  };
}

export interface ResponseObjectModel {
  readonly types: readonly Specifier[];
  readonly parameters?: readonly ParameterMatcher[];
  /** Methods whose first argument is sent: `res.json(x)`. */
  readonly methods?: readonly string[];
  /** Methods that return the object itself, so `res.status(200).json(x)` still sends through it. */
  readonly chain?: readonly string[];
  /** Properties whose assigned value is sent: `ctx.body = x` (`['body']`), `ctx.response.body = x`. */
  readonly properties?: readonly (readonly string[])[];
}

/**
 * Library functions that decide which properties of an object their result keeps, for the
 * exposure rule: allow-lists (projections), deny-lists and plain copies.
 */
export interface ProjectionModel {
  /** `_.pick(item, ['id', 'name'])`: only the properties named from argument `fields` on. */
  readonly pickers?: readonly { readonly callee: Specifier; readonly object: number; readonly fields: number }[];
  /** `_.omit(item, ['secret'])`: everything but the named properties, a deny-list. */
  readonly omitters?: readonly { readonly callee: Specifier; readonly object: number }[];
  /** `unmarshall(item)`, `_.cloneDeep(item)`: the result is (a copy of) the arguments. */
  readonly copiers?: readonly Specifier[];
  /**
   * `plainToInstance(Dto, item, { excludeExtraneousValues: true })`: only the class's declared
   * properties when the `option` is `true`, otherwise a copy.
   */
  readonly instantiators?: readonly {
    readonly callee: Specifier;
    readonly class: number;
    readonly object: number;
    readonly options: number;
    readonly option: string;
  }[];
}

/** How a schema library's builders and methods shape the parsed value. */
export interface SchemaModel {
  readonly package: string;
  /** Parse methods → where the parsed value sits in their result (`safeParse` → `['data']`). */
  readonly parse: Readonly<Record<string, readonly string[]>>;
  /** Builders of object schemas from a shape literal that drop unknown keys (`z.object`). */
  readonly objects: readonly string[];
  /** Builders and methods whose schema keeps unknown keys (`z.looseObject`, `.passthrough()`, `z.record`). */
  readonly loose: readonly string[];
  /** Builders and methods of array schemas (`z.array(schema)`, `schema.array()`). */
  readonly arrays: readonly string[];
  /** Methods that add the fields of a shape literal (`.extend({ … })`). */
  readonly extend: readonly string[];
  /** Methods that keep the schema's fields (`.strict()`, `.optional()`, `.refine(…)`). */
  readonly same: readonly string[];
  /** Methods that keep the fields named in a `{ field: true }` literal (`.pick`), or all others (`.omit`). */
  readonly pick: readonly string[];
  readonly omit: readonly string[];
  /**
   * What the types of the library's schemas say about the keys of what they parse, for a schema no
   * literal chain shows (`.and(…)`, `z.union([…])`, one picked from a `Record<string, z.ZodObject<…>>`).
   */
  readonly keyTypes?: SchemaKeyTypes;
  /** What a field's schema proves about its text (SPEC §4: string-only schemas do not validate). */
  readonly strength?: {
    /** Builders and methods that admit a closed set of values (`z.enum`, `z.literal`, `z.number`). */
    readonly closed: readonly string[];
    /** Builders and methods that constrain text to a format (`z.uuid()`, `.email()`). */
    readonly formats: readonly string[];
    /** Methods whose first argument is a regular expression the whole text must match (`.regex(/^…$/)`). */
    readonly patterns: readonly string[];
    /** Builders of text that constrain nothing by themselves (`z.string()`). */
    readonly texts: readonly string[];
    /** Methods that leave a schema's strength as it was (`.trim()`, `.min(1)`, `.optional()`). */
    readonly neutral: readonly string[];
    /** Builders whose first argument is the schema they wrap (`Type.Optional(schema)`). */
    readonly wrappers?: readonly string[];
    /** Builders of a union of the schemas in their first argument, an array (`z.union([…])`): as strong as its weakest member. */
    readonly unions?: readonly string[];
    /** Keys of a builder's options literal that constrain text (`Type.String({ format: 'uuid' })`); `pattern` must be anchored. */
    readonly options?: { readonly formats: readonly string[]; readonly patterns: readonly string[] };
  };
}

/** Schema types by name (declared in the schema library's package) and what they keep of a parsed value's keys. */
export interface SchemaKeyTypes {
  /** Object schema types: what they parse has only the keys they declare, unless a type argument says otherwise. */
  readonly objects: readonly string[];
  /** Types of schemas made of other schemas (unions, intersections, `optional`): their members' keys, when every member declares its keys. */
  readonly combinations: readonly string[];
  /**
   * Type arguments of an object schema type, by their parameter's name, that let unknown keys through
   * when they are this literal (`'passthrough'`), a type other than this default schema type (a
   * catchall), or a type with a member of this name that has an index signature (a config's `out`).
   * An `any` argument leaves it open, so it lets them through too.
   */
  readonly keeping: readonly {
    readonly parameter: string;
    readonly literal?: string;
    readonly unless?: string;
    readonly indexedMember?: string;
  }[];
}

/**
 * A data mapper (ODM) or request-builder library, as data: entity objects (or package functions)
 * whose calls read and write items by the keys the entity declares. Read by the engine through
 * `SinkModel.mapper`.
 */
export interface MapperModel {
  /** Packages whose exports these are, besides `SinkModel.package` (`@aws-appsync/utils/dynamodb`). */
  readonly packages?: readonly string[];
  /** Entity objects recognised by type (`Entity`, `Model`) through the checker. */
  readonly entityTypes?: readonly Specifier[];
  /**
   * Condition objects recognised by type (dynamoose `Condition`), or untyped by a `new` of the name
   * imported from the specifier's package: where conditions go, one compares what its initializer
   * (`new Condition({ a: x })`, `new Condition('a')`) and its chained calls (`chain` roles: `.eq(x)`) do.
   */
  readonly conditionTypes?: readonly Specifier[];
  /** How entities are created (`new Entity(definition)`, `model(name, schema)`), to find their declared keys. */
  readonly factories?: readonly {
    readonly name: string;
    readonly definition: number;
    /**
     * The argument names a model inside the definition the receiver was created with, at this path
     * (`table.getModel('User')`: `schema.models.User` of `new Table({ schema })`).
     */
    readonly models?: readonly string[];
  }[];
  /** Where a definition declares which attributes are keys. */
  readonly keys?: MapperKeySchema;
  /** Methods of an entity: `entity.get(key)`. */
  readonly methods?: Readonly<Record<string, MapperCallModel>>;
  /** Functions the package exports: `get({ key })`. */
  readonly functions?: Readonly<Record<string, MapperCallModel>>;
  /** Methods of a call's result (a request builder) and the roles of their arguments: `.where(cb)`, `.key({…})`. */
  readonly chain?: Readonly<Record<string, readonly MapperArgument[]>>;
  /** Builder methods that run the request; their result is the output (`go`, `exec`, `send`). */
  readonly run?: readonly string[];
  /** Calls whose first argument is the value they convert (`util.dynamodb.toMapValues(x)`). */
  readonly unwrap?: readonly string[];
  /** Request objects written as literals (`{ operation: 'GetItem', key }`): the property naming the operation. */
  readonly requests?: {
    readonly discriminator: string;
    readonly operations: Readonly<Record<string, Operation>>;
    /** Argument roles, by path inside the literal (the index is ignored). */
    readonly arguments: readonly MapperArgument[];
    /**
     * Module exports that hand such a literal to the runtime that runs it (APPSYNC_JS's
     * `export function request(ctx)`): the literal one of them returns is a request whatever the
     * module imports (the runtime gives `util` as a global). Elsewhere a literal is one only in a
     * module that imports one of the sink's packages.
     */
    readonly returnedBy?: readonly string[];
  };
  /** Paths from an entity definition to the map of attributes it declares (`['attributes']`; `[]` the definition itself). */
  readonly declared?: readonly (readonly string[])[];
  /**
   * Declared attributes that reads never return: an option set to `true` (ElectroDB's and
   * toolbox v0's `hidden: true`) or a builder method (toolbox v1's `string().hidden()`).
   */
  readonly hidden?: {
    readonly flags?: readonly string[];
    readonly methods?: readonly string[];
    /** Getter options (ElectroDB's `get`) that hide the attribute when their returns use none of their parameters. */
    readonly getters?: readonly string[];
  };
  /**
   * Entities a framework injects by name (`@InjectModel('users') users: Model<…>`): the decorators
   * whose first argument names the entity, and the calls that register each name's definition
   * (`DynamooseModule.forFeature([{ name: 'users', schema }])`). The name is the entity.
   */
  readonly injected?: {
    readonly decorators: readonly string[];
    readonly registrations?: readonly {
      readonly function: string;
      /** The argument that holds the list of registrations. */
      readonly argument: number;
      /** A registration's property that names the entity, and the one that holds its definition. */
      readonly name: string;
      readonly definition: string;
    }[];
  };
  /**
   * Objects that hold entities by name (ElectroDB's `new Service({ booking: Booking })`, whose
   * `entities.booking` is `Booking`): the factory, the argument with the map of entities, and the
   * property of the object that exposes it. Followed from the declaration where the checker cannot
   * type the member chain (the object imported through a path alias only its package resolves).
   */
  readonly containers?: readonly {
    readonly name: string;
    readonly argument: number;
    readonly property: string;
  }[];
}

/** One entity method or package function. */
export interface MapperCallModel {
  readonly operation: Operation;
  readonly arguments?: readonly MapperArgument[];
  /** `entity.query.<index>(…)`: called on a property of the method, which names the index. */
  readonly indexed?: true;
  /** `entity.scan.where(…)`: the method is a property, not a call. */
  readonly property?: true;
  /** `entity.build(GetItemCommand)`: the operation is named by the first argument. */
  readonly operations?: Readonly<Record<string, Operation>>;
  /** The call's own result is the output (a promise of it), without a run method. */
  readonly direct?: true;
  /** Where the items sit in the output: `[['data']]`, `[['data', '*']]`, `[[]]` for the item itself. */
  readonly items: readonly (readonly string[])[];
  /**
   * The call refuses to overwrite an existing item, as a put with `attribute_not_exists` does, so
   * its key cannot take one over; unless the options argument (at `options`) gives one of `unless`
   * (a batch, which carries no condition; `overwrite: true`).
   */
  readonly creates?: { readonly options?: number; readonly unless?: readonly string[] };
}

/**
 * What an argument (or a property of it, at `path`; `*` is any property) is to the access:
 * `key` an object of key attributes; `item` a whole item (its key attributes select it);
 * `keyValue` the partition key's value itself; `conditions` attribute conditions (`{ userId: { eq: x } }`)
 * or an attribute's name followed by `conditionValue` calls (`query('userId').eq(x)`), selecting by
 * key attributes; `filter` conditions that only filter (or, in a scan, select); `expression` a string
 * parsed as an expression; `whereCallback` a callback returning an expression template;
 * `attributes` a projection list; `changes` the attributes an update sets (`Model.update(key, { a: 1 })`),
 * which the access readers leave alone (they are data written, not selectors).
 */
export interface MapperArgument {
  readonly index: number;
  readonly path?: readonly string[];
  readonly role: MapperRole;
  /**
   * The role is the object one of these converters is given, where the value at the path is the
   * converter's result (`condition: JSON.parse(util.transform.toDynamoDBConditionExpression({ owner: { eq: sub } }))`);
   * a value at the path that no converter made (`{}`, `undefined`) carries no condition.
   */
  readonly through?: readonly string[];
}
export type MapperRole =
  | 'key'
  | 'item'
  | 'keyValue'
  | 'conditions'
  | 'conditionValue'
  | 'filter'
  | 'expression'
  | 'whereCallback'
  | 'attributes'
  | 'changes';

/** Where an entity definition declares its keys. */
export interface MapperKeySchema {
  /** Paths from the definition to its attribute map, the first found (`['attributes']`; `[]` the definition itself). */
  readonly attributes?: readonly (readonly string[])[];
  /** Attribute options that make it a key when `true` (`partitionKey`, `hashKey`). */
  readonly flags?: readonly string[];
  /** Builder methods that make it a key (`string().key()`). */
  readonly keyMethods?: readonly string[];
  /** With no flagged attribute, the first attribute is the partition key (dynamoose). */
  readonly firstByDefault?: boolean;
  /**
   * Keys built from templates: the primary index, at `index` in the schema that holds the models,
   * names the key fields (`indexes: { primary: { hash: 'pk', sort: 'sk' } }`), and each key field's
   * `option` (`pk: { value: 'user#${id}' }`) interpolates the attributes that select the item.
   */
  readonly templates?: {
    readonly index: readonly string[];
    readonly fields: readonly string[];
    readonly option: string;
  };
  /** Index declarations: `indexes: { primary: { pk: { composite: [...] }, sk: {...} } }`. */
  readonly indexes?: {
    readonly path: readonly string[];
    /** Paths inside an index to lists of attribute names (`['pk', 'composite']`). */
    readonly composites: readonly (readonly string[])[];
    /** A property that marks a secondary index (`index`): the primary index lacks it. */
    readonly secondaryMarker?: string;
  };
}

/** A password verifier: `bcrypt.compare(plain, hash)` checks the stored hash at argument `hash`. */
export interface PasswordVerifierModel {
  readonly callee: Specifier;
  readonly hash: number;
  /**
   * The callee computes a digest itself (`createHash('sha1')`, `pbkdf2Sync(password, salt, …)`): a
   * stored hash compared (`===`, `!==`) with a digest of request data it starts is checked. `hash`
   * is then not read.
   */
  readonly digest?: true;
  /**
   * The callee is an identity provider's sign-in request that checks the password itself (Cognito's
   * `InitiateAuth` with `USER_PASSWORD_AUTH`): `hash` is the argument holding the request, `account`
   * the path in it of the account name and `password` of the password. A read keyed by the request
   * value sent as the account name, in a function that value passes through, is the login lookup.
   */
  readonly signIn?: { readonly account: readonly string[]; readonly password: readonly string[] };
}

/**
 * A check that the client holds the secret stored in an item: an attribute named by `secretWords`
 * (`sessions[].token`, `apiKey`) compared with a value the client sent, with `===` or one of
 * `comparators` (`crypto.timingSafeEqual`), or a helper of the program that returns only such a comparison.
 */
export interface SessionCheckModel {
  readonly secretWords: readonly string[];
  readonly comparators: readonly Specifier[];
}

/** What marks a login: the password verifiers, and the words that name a secret (`password`, `api key`). */
export interface CredentialModel {
  readonly verifiers: readonly PasswordVerifierModel[];
  /**
   * Words or phrases of a name that make it a secret the client proves it knows: an item attribute
   * (`password`, `encryptedPassword`, `apiKey`) compared with `===`/`!==` to a value derived from a
   * request value so named (`req.body.password`, the `x-api-key` header) is the app's own check.
   */
  readonly secretWords: readonly string[];
}

/**
 * A loader that reads items by key: it is made with a batch function (`new DataLoader(batch)`) that
 * is given the keys asked for and returns their items in the same order, and its read methods
 * (`loader.load(id)`) answer with the item the batch returned for that key. A read through it is a
 * read of the item its key selects, wherever the batch function fetches it from.
 */
export interface KeyedReadModel {
  /** Names the reads in flow text (`DataLoader.load`). */
  readonly label: string;
  /**
   * The loader's class, through the checker: a receiver of that type, or, where the receiver is
   * untyped, one made by `new` of the class imported (or required) from the package.
   */
  readonly types: readonly Specifier[];
  /** The constructor argument that is the batch function. */
  readonly batchArgument: number;
  /** Read methods by name: the argument that holds the key (or keys), and whether they read a list of items. */
  readonly methods: Readonly<Record<string, KeyedReadMethod>>;
}

export interface KeyedReadMethod {
  readonly key: number;
  /** `loadMany(ids)`: the items of every key, in order (the batch's whole result), not one. */
  readonly many: boolean;
}

/** A function that runs the callback its options object holds under `property` and returns its result. */
export interface CallbackRunnerModel {
  readonly callee: Specifier;
  /** The options argument. */
  readonly argument: number;
  readonly property: string;
}

/**
 * A container that holds one value and hands it to callbacks (a result or option type): its
 * value is the value it holds, as a promise's is what it resolves to. `result.andThen(v => f(v))`:
 * `v` receives what `result` holds, and the chain's result holds what the callback returns.
 */
export interface ValueCallbackModel {
  /** The container's types (through the checker). */
  readonly types: readonly Specifier[];
  /** Methods by name: which arguments are callbacks that receive the held value, and what the call's result holds. */
  readonly methods: Readonly<Record<string, ValueCallbackMethod>>;
  /** Properties that read the held value (`result.value` after `result.isOk()`). */
  readonly reads?: readonly string[];
}

export interface ValueCallbackMethod {
  /** Arguments whose callback's first parameter receives the held value (`map(v => …)`); none for an error handler. */
  readonly receives: readonly number[];
  /**
   * What the call's result holds: `callbacks` what its callback arguments return (`map`, `andThen`,
   * `match`); `receiver` the value unchanged (`mapErr`); `both` either (`orElse`: the value, or what
   * the error handler returns).
   */
  readonly result: 'callbacks' | 'receiver' | 'both';
}

/**
 * Calls whose result is the verified caller because an identity service checked a token: a command
 * object sent through a client (`client.send(new GetUserCommand({ AccessToken }))`), and a call of
 * `principalCalls` unwrapped by a result method (`provider.getUser({ AccessToken }).promise()`).
 * A command whose input names the user (an administrator's lookup) is not one.
 */
export interface PrincipalCommandModel {
  /** Command constructors (`GetUserCommand`), matched through the checker or the import. */
  readonly commands: readonly Specifier[];
  /** Client methods that run a command and resolve to its output (`send`). */
  readonly sendMethods: readonly string[];
  /** Methods of a request object that resolve to the request's result (`promise`). */
  readonly resultMethods: readonly string[];
}

/**
 * Authorizers the program deploys in front of its handlers (API Gateway Lambda authorizers). One
 * that verifies the bearer token and answers with an IAM policy lets only verified tokens through,
 * so a handler of the same package that decodes that header without checking the signature reads
 * the verified caller.
 */
export interface GatewayAuthorizerModel {
  /** Members of an authorizer's answer: `policyDocument` (REST APIs), `isAuthorized` (HTTP API simple responses). */
  readonly resultMembers: readonly string[];
  /** Functions that decode a token without checking it (`jwt.decode`). */
  readonly decoders: readonly Specifier[];
  /** Header names (lower case) the authorizer reads the token from. */
  readonly headers: readonly string[];
}
