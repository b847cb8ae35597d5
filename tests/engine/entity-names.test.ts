import { Definitions } from '../../src/engine/definitions.js';
import { mapperEntityOf, tableOf } from '../../src/engine/evidence/entities.js';
import { programOf, returned, sourceFile } from './program.js';

/**
 * An entity is the same entity, and is called by its name, however the code reaches it: an entity
 * or table object met as its definition (`new Entity({…})`, reached through a name whose import
 * the checker does not resolve) is the variable it initialises, not the text of the call.
 */
describe('entity names', () => {
  const program = programOf({
    'entities.ts': `declare class Entity { constructor(schema: object, options: object); }
export const Devices = new Entity({ attributes: { deviceId: {}, token: {} } } as const, { table: 'app' });
export const viaName = Devices;
export const direct = new Entity({ attributes: {} }, { table: 'app' });
`,
  });
  const definitions = new Definitions(program.getTypeChecker(), program);
  const checker = program.getTypeChecker();
  const file = sourceFile(program, 'entities.ts');

  it('names a constructed entity by the variable it initialises, wherever it is met', () => {
    const byName = mapperEntityOf(definitions, checker, returned(file, 'viaName'));
    const byDefinition = tableOf(definitions, checker, returned(file, 'Devices'));
    expect(byDefinition.tableLabel).toBe('Devices');
    expect(byDefinition.table).toBe(byName.table);
    expect(tableOf(definitions, checker, returned(file, 'direct')).tableLabel).toBe('direct');
  });
});
