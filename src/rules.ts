import noUnscopedKey from '../rules/no-unscoped-key.js';
import noUnvalidatedInput from '../rules/no-unvalidated-input.js';

/** Every rule of the plugin, by id. */
export const rules = {
  'no-unscoped-key': noUnscopedKey,
  'no-unvalidated-input': noUnvalidatedInput,
};
