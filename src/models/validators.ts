import type { ValidatorModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

function fromPackage(pkg: string, name: string | readonly string[]): Specifier {
  return { from: 'package', package: pkg, name };
}

/**
 * Schema libraries: the parsed result is the checked value. Their boolean checks that are type
 * predicates (valibot `is`, TypeBox `Value.Check`, an ajv `ValidateFunction`) need no entry.
 */
const schemaParsers: readonly ValidatorModel[] = [
  { callee: fromPackage('zod', ['parse', 'parseAsync']), argument: 0, kind: 'parse' },
  {
    callee: fromPackage('zod', ['safeParse', 'safeParseAsync']),
    argument: 0,
    kind: 'parse',
    resultPath: 'data',
    successPath: 'success',
  },
  { callee: fromPackage('joi', ['validateAsync', 'attempt']), argument: 0, kind: 'parse' },
  { callee: fromPackage('joi', 'validate'), argument: 0, kind: 'parse', resultPath: 'value', outcomePath: 'error' },
  { callee: fromPackage('joi', 'assert'), argument: 0, kind: 'assertion' },
  { callee: fromPackage('yup', ['validate', 'validateSync', 'cast']), argument: 0, kind: 'parse' },
  { callee: fromPackage('yup', ['isValid', 'isValidSync']), argument: 0, kind: 'predicate' },
  { callee: fromPackage('valibot', ['parse', 'parseAsync']), argument: 1, kind: 'parse' },
  {
    callee: fromPackage('valibot', ['safeParse', 'safeParseAsync']),
    argument: 1,
    kind: 'parse',
    resultPath: 'output',
    outcomePath: 'success',
  },
  { callee: fromPackage('@sinclair/typebox', ['Parse', 'Decode']), argument: 1, kind: 'parse' },
  { callee: fromPackage('@aws-lambda-powertools/parser', 'parse'), argument: 0, kind: 'parse' },
  {
    callee: fromPackage('@aws-lambda-powertools/parser', 'safeParse'),
    argument: 0,
    kind: 'parse',
    resultPath: 'data',
    successPath: 'success',
  },
  // ajv's compiled `ValidateFunction` is a type guard; where the import leaves it `any`, its origin tells.
  { callee: fromPackage('ajv', ['compile', 'getSchema']), argument: 0, kind: 'factory' },
  { callee: 'compile', argument: 0, kind: 'factory' },
  // Only the fields that passed the route's validation chains.
  { callee: fromPackage('express-validator', 'matchedData'), argument: 0, kind: 'parse' },
];

/**
 * express-validator: past `if (!validationResult(req).isEmpty()) return …` (or `.throw()`), the
 * route's validation chains have passed. The chains are not matched to fields (a known limit).
 */
const resultChecks: readonly ValidatorModel[] = [
  { callee: fromPackage('express-validator', 'isEmpty'), argument: 0, kind: 'predicate', ofReceiverCall: true },
  { callee: fromPackage('express-validator', 'throw'), argument: 0, kind: 'assertion', ofReceiverCall: true },
];

/** Format checks whose truthy result proves the argument well-formed. */
const formatChecks: readonly ValidatorModel[] = [
  { callee: fromPackage('uuid', 'validate'), argument: 0, kind: 'predicate' },
  {
    callee: fromPackage('validator', [
      'isUUID',
      'isAlphanumeric',
      'isAlpha',
      'isInt',
      'isNumeric',
      'isEmail',
      'isMongoId',
      'isHexadecimal',
      'isISO8601',
      'isDate',
      'isULID',
      'isSlug',
      'isDecimal',
      'isFloat',
    ]),
    argument: 0,
    kind: 'predicate',
  },
  { callee: fromPackage('validator', ['isIn', 'isBoolean']), argument: 0, kind: 'predicate', allowList: true },
  {
    callee: fromPackage('class-validator', [
      'isUUID',
      'isAlphanumeric',
      'isAlpha',
      'isInt',
      'isNumberString',
      'isEmail',
      'isMongoId',
      'isISO8601',
      'isDateString',
      'isULID',
    ]),
    argument: 0,
    kind: 'predicate',
  },
  {
    callee: fromPackage('class-validator', ['isIn', 'isEnum', 'isBoolean', 'isNumber']),
    argument: 0,
    kind: 'predicate',
    allowList: true,
  },
];

/** class-validator outside NestJS: `await validateOrReject(dto)` throws unless the DTO's decorators pass. */
const dtoChecks: readonly ValidatorModel[] = [
  {
    callee: fromPackage('class-validator', ['validateOrReject', 'validateOrRejectSync']),
    argument: 0,
    kind: 'assertion',
  },
];

export const validators: readonly ValidatorModel[] = [...schemaParsers, ...resultChecks, ...formatChecks, ...dtoChecks];
