import noExpressionInjection from '../rules/no-expression-injection.js';
import noRawItemResponse from '../rules/no-raw-item-response.js';
import noUnscopedKey from '../rules/no-unscoped-key.js';
import noUnvalidatedInput from '../rules/no-unvalidated-input.js';

/** Every rule of the plugin, by id. */
export const rules = {
  'no-unscoped-key': noUnscopedKey,
  'no-unvalidated-input': noUnvalidatedInput,
  'no-expression-injection': noExpressionInjection,
  'no-raw-item-response': noRawItemResponse,
};
