import type { KeyedReadModel } from '../engine/model.js';

/**
 * GraphQL's `dataloader`: `new DataLoader(batch)` batches the keys asked for in one tick and hands
 * them to `batch`, whose result holds their items in the same order; `load(key)` answers with the
 * item of `key`, `loadMany(keys)` with the items of `keys`. The package declares the class as the
 * module itself (`export = DataLoader`), so a default import or a `require` of the module is it.
 */
export const dataLoader: KeyedReadModel = {
  label: 'DataLoader',
  types: [{ from: 'package', package: 'dataloader', name: ['DataLoader', 'default'] }],
  batchArgument: 0,
  methods: {
    load: { key: 0, many: false },
    loadMany: { key: 0, many: true },
  },
};
