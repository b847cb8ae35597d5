import noRawItemResponse from '../rules/no-raw-item-response.js';
import noUnscopedKey from '../rules/no-unscoped-key.js';

/** Every rule of the plugin, by id. */
export const rules = {
  'no-unscoped-key': noUnscopedKey,
  'no-raw-item-response': noRawItemResponse,
};
