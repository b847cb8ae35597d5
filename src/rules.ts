import noExpressionInjection from '../rules/no-expression-injection.js';
import noUnscopedKey from '../rules/no-unscoped-key.js';

/** Every rule of the plugin, by id. */
export const rules = {
  'no-unscoped-key': noUnscopedKey,
  'no-expression-injection': noExpressionInjection,
};
