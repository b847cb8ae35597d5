import type { Operation, RequestObjectModel, WrapperSinkModel } from './engine/model.js';
import type { Specifier } from './engine/types.js';
import { ConfigurationError } from './util/configuration-error.js';

/**
 * The shared taint model a user adds in `settings['dynamodb-security']`, read by every rule so
 * that they all agree on what is a source, a principal, a sink, a guard or a validator.
 */
export interface UserModels {
  /** Functions whose result is client-controlled request data. */
  readonly sources: readonly { readonly callee: Specifier; readonly sourceType: string }[];
  /** Functions whose result is the authenticated caller (`getCaller(req)`). */
  readonly principals: readonly Specifier[];
  /** In-house request objects: a type and which of its properties are sources or principals. */
  readonly requestTypes: readonly RequestObjectModel[];
  /** Data-access wrappers (`db.fetch(table, key)`). */
  readonly sinks: readonly WrapperSinkModel[];
  /** Functions that assert the caller owns their arguments. */
  readonly guards: readonly Specifier[];
  /** Functions that validate their argument (used by the validation rule). */
  readonly validators: readonly Specifier[];
  /** Tables (names or `/regex/` strings) whose items are public by design, for every rule. */
  readonly publicTables: readonly string[];
  /** More kinds of principal whose records a table, key prefix or key attribute may name (`'driver'`). */
  readonly principalKinds: readonly string[];
  /** More sensitive attribute names (exact names or `/regex/` strings). */
  readonly sensitiveAttributes: readonly string[];
  /** Route middleware that lets only an administrative role through (`requireAdmin`): what follows it is privileged. */
  readonly roleGates: readonly string[];
  /** More kinds of group a principal belongs to (`'clinic'`): the principal's `clinicId` selects colleagues' items, not the caller's own. */
  readonly tenantKinds: readonly string[];
}

export const SETTINGS_KEY = 'dynamodb-security';

const OPERATIONS: readonly Operation[] = [
  'get',
  'put',
  'update',
  'delete',
  'query',
  'scan',
  'batchGet',
  'batchWrite',
  'transactGet',
  'transactWrite',
  'statement',
];

/** A configuration error that names the offending setting. */
export class SettingsError extends ConfigurationError {
  constructor(path: string, problem: string) {
    super(`Invalid settings['${SETTINGS_KEY}']${path}: ${problem}.`);
    this.name = 'SettingsError';
  }
}

const memo = new WeakMap<object, UserModels>();
const EMPTY: UserModels = {
  sources: [],
  principals: [],
  requestTypes: [],
  sinks: [],
  guards: [],
  validators: [],
  publicTables: [],
  principalKinds: [],
  sensitiveAttributes: [],
  roleGates: [],
  tenantKinds: [],
};

/** Validates and reads the shared settings; throws a `SettingsError` naming the bad entry. */
export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): UserModels {
  const raw = settings?.[SETTINGS_KEY];
  if (raw === undefined) return EMPTY;
  if (!isObject(raw)) throw new SettingsError('', 'must be an object');
  const cached = memo.get(raw);
  if (cached) return cached;
  onlyKeys(raw, '', [
    'sources',
    'principals',
    'requestTypes',
    'sinks',
    'guards',
    'validators',
    'publicTables',
    'principalKinds',
    'sensitiveAttributes',
    'roleGates',
    'tenantKinds',
  ]);
  const models: UserModels = {
    sources: list(raw, 'sources', (entry, path) => {
      if (!isObject(entry)) throw new SettingsError(path, 'must be an object { callee, sourceType? }');
      onlyKeys(entry, path, ['callee', 'sourceType']);
      return {
        callee: specifier(entry.callee, `${path}.callee`),
        sourceType: optionalString(entry.sourceType, `${path}.sourceType`) ?? 'request data',
      };
    }),
    principals: list(raw, 'principals', specifier),
    requestTypes: list(raw, 'requestTypes', (entry, path) => {
      if (!isObject(entry)) throw new SettingsError(path, 'must be an object { type, sources?, principals? }');
      onlyKeys(entry, path, ['type', 'sources', 'principals']);
      const sources = entry.sources ?? {};
      if (!isObject(sources) || Object.values(sources).some((value) => typeof value !== 'string')) {
        throw new SettingsError(`${path}.sources`, 'must map property paths to source descriptions (strings)');
      }
      const principals = entry.principals ?? [];
      if (!Array.isArray(principals) || principals.some((value) => typeof value !== 'string')) {
        throw new SettingsError(`${path}.principals`, 'must be an array of dotted property paths');
      }
      return {
        framework: 'configured',
        types: [specifier(entry.type, `${path}.type`)],
        sources: sources as Record<string, string>,
        principals: (principals as string[]).map((principal) => principal.split('.')),
      };
    }),
    sinks: list(raw, 'sinks', (entry, path) => {
      if (!isObject(entry))
        throw new SettingsError(path, 'must be an object { callee, operation, input? | key?, table? }');
      onlyKeys(entry, path, ['callee', 'operation', 'input', 'key', 'table']);
      if (typeof entry.operation !== 'string' || !OPERATIONS.includes(entry.operation as Operation)) {
        throw new SettingsError(`${path}.operation`, `must be one of ${OPERATIONS.join(', ')}`);
      }
      const input = optionalIndex(entry.input, `${path}.input`);
      const key = optionalIndex(entry.key, `${path}.key`);
      if (input === undefined && key === undefined)
        throw new SettingsError(path, 'needs `input` (index of the input object) or `key` (index of the key object)');
      return {
        callee: specifier(entry.callee, `${path}.callee`),
        operation: entry.operation as Operation,
        input,
        key,
        table: optionalIndex(entry.table, `${path}.table`),
      };
    }),
    guards: list(raw, 'guards', specifier),
    validators: list(raw, 'validators', specifier),
    publicTables: list(raw, 'publicTables', nonEmptyString),
    principalKinds: list(raw, 'principalKinds', nonEmptyString),
    sensitiveAttributes: list(raw, 'sensitiveAttributes', nonEmptyString),
    roleGates: list(raw, 'roleGates', nonEmptyString),
    tenantKinds: list(raw, 'tenantKinds', nonEmptyString),
  };
  memo.set(raw, models);
  return models;
}

function list<T>(raw: Record<string, unknown>, key: string, read: (entry: unknown, path: string) => T): T[] {
  const value = raw[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new SettingsError(`.${key}`, 'must be an array');
  return value.map((entry, index) => read(entry, `.${key}[${index}]`));
}

/** `'name'`, `{ from: 'package', package, name }`, `{ from: 'file', path, name }` or `{ from: 'lib', name }`. */
function specifier(value: unknown, path: string): Specifier {
  if (typeof value === 'string' && value.length > 0) return value;
  if (!isObject(value))
    throw new SettingsError(path, "must be a name or { from: 'package' | 'file' | 'lib', name, … }");
  const name = value.name;
  const validName =
    (typeof name === 'string' && name.length > 0) ||
    (Array.isArray(name) && name.length > 0 && name.every((n) => typeof n === 'string'));
  if (!validName) throw new SettingsError(`${path}.name`, 'must be a non-empty string or array of strings');
  switch (value.from) {
    case 'package':
      onlyKeys(value, path, ['from', 'package', 'name']);
      if (typeof value.package !== 'string' || !value.package)
        throw new SettingsError(`${path}.package`, 'must be a package name');
      return { from: 'package', package: value.package, name: name };
    case 'file':
      onlyKeys(value, path, ['from', 'path', 'name']);
      if (typeof value.path !== 'string' || !value.path) throw new SettingsError(`${path}.path`, 'must be a file path');
      return { from: 'file', path: value.path, name: name };
    case 'lib':
      onlyKeys(value, path, ['from', 'name']);
      return { from: 'lib', name: name };
    default:
      throw new SettingsError(`${path}.from`, "must be 'package', 'file' or 'lib'");
  }
}

function nonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || !value) throw new SettingsError(path, 'must be a non-empty string');
  return value;
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value) throw new SettingsError(path, 'must be a non-empty string');
  return value;
}

function optionalIndex(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new SettingsError(path, 'must be an argument index (0, 1, …)');
  return value;
}

function onlyKeys(value: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new SettingsError(path, `unknown key '${key}' (allowed: ${allowed.join(', ')})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
