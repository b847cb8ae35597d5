import type { ProjectionModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

const LODASH = ['lodash', 'lodash-es'];
const lodash = (name: string | string[]): Specifier[] => LODASH.map((pkg) => ({ from: 'package', package: pkg, name }));

/**
 * Libraries that choose which of an item's attributes a value keeps (`no-raw-item-response`):
 * allow-lists project, deny-lists and copies do not.
 */
export const projections: ProjectionModel = {
  pickers: lodash('pick').map((callee) => ({ callee, object: 0, fields: 1 })),
  omitters: lodash('omit').map((callee) => ({ callee, object: 0 })),
  copiers: [
    { from: 'package', package: '@aws-sdk/util-dynamodb', name: 'unmarshall' },
    ...lodash([
      'clone',
      'cloneDeep',
      'merge',
      'assign',
      'assignIn',
      'extend',
      'defaults',
      'defaultsDeep',
      'toPlainObject',
    ]),
    { from: 'package', package: 'class-transformer', name: ['instanceToPlain', 'classToPlain'] },
  ],
  instantiators: [
    {
      callee: { from: 'package', package: 'class-transformer', name: ['plainToInstance', 'plainToClass'] },
      class: 0,
      object: 1,
      options: 2,
      option: 'excludeExtraneousValues',
    },
  ],
};
