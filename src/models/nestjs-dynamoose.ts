import type { SinkModel } from '../engine/model.js';
import { dynamoose } from './dynamoose.js';

/**
 * nestjs-dynamoose: `@InjectModel('users') users: Model<User, UserKey>` is the dynamoose model
 * registered under that name (`DynamooseModule.forFeature([{ name: 'users', schema }])`), with
 * dynamoose's methods (`get`, `update`, `delete`, `create`, `query(…).exec()`, `scan(…).exec()`).
 */
export const nestjsDynamoose: SinkModel = {
  sdk: 'nestjs-dynamoose',
  package: 'nestjs-dynamoose',
  mapper: {
    ...dynamoose.mapper,
    entityTypes: [{ from: 'package', package: 'nestjs-dynamoose', name: 'Model' }],
    injected: {
      decorators: ['InjectModel'],
      registrations: [{ function: 'forFeature', argument: 0, name: 'name', definition: 'schema' }],
    },
  },
};
