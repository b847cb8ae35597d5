import type { ContainerModel } from '../engine/model.js';

/**
 * awilix: `container.register({ todos: asClass(Todos) })` (or `register('todos', asClass(Todos))`)
 * makes `container.resolve('todos')` and `container.cradle.todos` an instance of `Todos`, built
 * with the container's other registrations as its constructor's arguments (by parameter name in
 * CLASSIC mode, as the properties of its first parameter in PROXY mode); `asFunction(make)`
 * registers what `make` returns, `asValue(v)` the value itself.
 */
export const awilix: ContainerModel = {
  package: 'awilix',
  lookups: ['resolve'],
  cradle: 'cradle',
  registers: ['register'],
  registrations: { asClass: 'class', asFunction: 'factory', asValue: 'value' },
};
