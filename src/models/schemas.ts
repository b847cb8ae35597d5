import type { SchemaModel } from '../engine/model.js';

/** zod methods that change neither the fields a schema keeps nor what it proves of a value's text. */
const ZOD_MODIFIERS = ['optional', 'nullable', 'nullish', 'default', 'readonly', 'describe', 'meta'];

/**
 * zod (v3 and v4): how its builders shape a parsed value (for projections) and what each field's
 * schema proves about its text (for validation: a format, an anchored pattern or a closed type
 * validates; `z.string()` with a length or a trim does not).
 */
const zod: SchemaModel = {
  package: 'zod',
  parse: { parse: [], parseAsync: [], safeParse: ['data'], safeParseAsync: ['data'] },
  objects: ['object', 'strictObject'],
  loose: ['looseObject', 'passthrough', 'loose', 'catchall', 'record', 'any', 'unknown', 'custom'],
  arrays: ['array'],
  extend: ['extend', 'safeExtend'],
  same: [
    'strict',
    'strip',
    'partial',
    'required',
    ...ZOD_MODIFIERS,
    'brand',
    'refine',
    'superRefine',
    'check',
    'catch',
  ],
  pick: ['pick'],
  omit: ['omit'],
  keyTypes: {
    // zod 3's classes and zod 4's classic and mini interfaces.
    objects: ['ZodObject', 'ZodMiniObject'],
    combinations: [
      'ZodUnion',
      'ZodDiscriminatedUnion',
      'ZodIntersection',
      'ZodMiniUnion',
      'ZodMiniDiscriminatedUnion',
      'ZodMiniIntersection',
      'ZodOptional',
      'ZodNullable',
      'ZodDefault',
      'ZodReadonly',
      'ZodMiniOptional',
      'ZodMiniNullable',
      'ZodMiniDefault',
      'ZodMiniReadonly',
    ],
    keeping: [
      // zod 3: `ZodObject<Shape, 'passthrough'>`; `.catchall(schema)` puts a schema where `z.object` leaves `ZodTypeAny`.
      { parameter: 'UnknownKeys', literal: 'passthrough' },
      { parameter: 'Catchall', unless: 'ZodType' },
      // zod 4: `ZodObject<Shape, $loose | $catchall<T>>`, whose `out` has an index signature (`$strip`'s is `{}`).
      { parameter: 'Config', indexedMember: 'out' },
    ],
  },
  strength: {
    unions: ['union'],
    closed: ['enum', 'nativeEnum', 'literal', 'number', 'int', 'int32', 'bigint', 'boolean', 'date', 'stringbool'],
    formats: [
      'uuid',
      'uuidv4',
      'uuidv6',
      'uuidv7',
      'guid',
      'email',
      'url',
      'httpUrl',
      'cuid',
      'cuid2',
      'ulid',
      'nanoid',
      'xid',
      'ksuid',
      'datetime',
      'time',
      'duration',
      'ip',
      'ipv4',
      'ipv6',
      'cidr',
      'cidrv4',
      'cidrv6',
      'base64',
      'base64url',
      'e164',
      'jwt',
      'hex',
      'hostname',
      'emoji',
    ],
    patterns: ['regex'],
    texts: ['string'],
    neutral: [
      ...ZOD_MODIFIERS,
      'trim',
      'toLowerCase',
      'toUpperCase',
      'lowercase',
      'uppercase',
      'min',
      'max',
      'length',
      'nonempty',
      'startsWith',
      'endsWith',
      'includes',
    ],
  },
};

/**
 * TypeBox builders (`Type.Object({ id: Type.String({ format: 'uuid' }) })`), also Elysia's `t`,
 * which extends them: options carry the format or pattern; a bare `String()` constrains nothing.
 */
function typebox(pkg: string): SchemaModel {
  return {
    package: pkg,
    parse: {},
    objects: ['Object'],
    loose: ['Record', 'Any', 'Unknown'],
    arrays: ['Array'],
    extend: [],
    same: [],
    pick: [],
    omit: [],
    strength: {
      closed: ['Number', 'Integer', 'Boolean', 'Literal', 'Enum', 'Date', 'BigInt', 'Numeric', 'BooleanString'],
      formats: [],
      patterns: [],
      texts: ['String'],
      neutral: [],
      wrappers: ['Optional', 'Readonly', 'ReadonlyOptional'],
      unions: ['Union'],
      options: { formats: ['format'], patterns: ['pattern'] },
    },
  };
}

/** Schema libraries whose schemas the engine reads. */
export const schemaLibraries: readonly SchemaModel[] = [zod, typebox('@sinclair/typebox'), typebox('elysia')];
