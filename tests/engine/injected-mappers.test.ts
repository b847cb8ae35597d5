import { DynamoAnalysis } from '../../src/engine/dynamodb/analysis.js';
import { dynamoose } from '../../src/models/dynamoose.js';
import { nestjsDynamoose } from '../../src/models/nestjs-dynamoose.js';
import { MODEL, programOf, sourceFile, TYPES } from './program.js';

// A model a framework injects by name (`@InjectModel('users') users: Model<…>`) is the data
// mapper entity registered under that name: its calls are sinks, its keys and attributes are the
// ones the registered schema declares, and the name is the entity.

const STUBS = {
  'types.ts': TYPES,
  'node_modules/dynamoose/index.d.ts': `export declare class Schema { constructor(definition: object); }\n`,
  'node_modules/nestjs-dynamoose/index.d.ts': `export interface Model<Data, Key> {
  get(key: Key): Promise<Data>;
  delete(key: Key): Promise<void>;
  update(key: Key, update: Partial<Data>): Promise<Data>;
  create(item: Data): Promise<Data>;
}
export declare const InjectModel: (model: string) => PropertyDecorator & ParameterDecorator;
export declare class DynamooseModule { static forFeature(models: { name: string; schema: unknown }[]): unknown; }
`,
  'node_modules/other-orm/index.d.ts': `export interface Model<Data, Key> { get(key: Key): Promise<Data>; delete(key: Key): Promise<void> }
export declare const InjectModel: (model: string) => PropertyDecorator & ParameterDecorator;
`,
};

const service = (from: string, injected: string) => `import { InjectModel, Model } from '${from}';
interface User { tenantId: string; id: string; name: string; passwordHash: string }
export class UsersService {
  constructor(@InjectModel(${injected}) private readonly users: Model<User, { tenantId: string; id: string }>) {}
  find(tenantId: string, id: string) { return this.users.get({ tenantId, id }); }
  remove(tenantId: string, id: string) { return this.users.delete({ tenantId, id }); }
}
`;

const module = `import { DynamooseModule } from 'nestjs-dynamoose';
import { Schema } from 'dynamoose';
const UserSchema = new Schema({ tenantId: { type: String, hashKey: true }, id: { type: String, rangeKey: true }, name: String, passwordHash: String });
export const registered = DynamooseModule.forFeature([{ name: 'users', schema: UserSchema }]);
`;

function sites(files: Record<string, string>) {
  const program = programOf({ ...STUBS, ...files });
  const analysis = new DynamoAnalysis(program, MODEL, [dynamoose, nestjsDynamoose], [], 'injected-mappers-test');
  return analysis.sites.inFile(sourceFile(program, 'service.ts'));
}

describe('models injected by name (nestjs-dynamoose)', () => {
  test("an injected model's calls are sinks on the entity its name registers, with that schema's keys and attributes", () => {
    const found = sites({ 'service.ts': service('nestjs-dynamoose', "'users'"), 'module.ts': module });
    expect(found.map((site) => [site.api, site.operation])).toEqual([
      ['users.get', 'get'],
      ['users.delete', 'delete'],
    ]);
    expect(found[0]!.mapper?.entity?.getText()).toBe("'users'");
    expect(found[0]!.mapper?.keyNames).toEqual(['tenantId', 'id']);
    expect(found[0]!.mapper?.declared?.map((attribute) => attribute.name)).toEqual([
      'tenantId',
      'id',
      'name',
      'passwordHash',
    ]);
  });

  test('a name the program registers nowhere is still the entity, with no declared schema', () => {
    const found = sites({ 'service.ts': service('nestjs-dynamoose', "'accounts'"), 'module.ts': module });
    expect(found.map((site) => site.api)).toEqual(['users.get', 'users.delete']);
    expect(found[0]!.mapper?.entity?.getText()).toBe("'accounts'");
    expect(found[0]!.mapper?.keyNames).toBeUndefined();
  });

  test('a `Model` of another package, injected the same way, is no sink', () => {
    expect(sites({ 'service.ts': service('other-orm', "'users'"), 'module.ts': module })).toEqual([]);
  });
});
