import type { SinkModel } from '../engine/model.js';
import { DOCUMENT_CLIENT_METHODS, ITEM_CLIENT_METHODS } from './operations.js';

/** AWS SDK v2: `DocumentClient` and `DynamoDB` methods, with `.promise()` or a callback. */
export const awsSdkV2: SinkModel = {
  sdk: 'aws-sdk (v2)',
  package: 'aws-sdk',
  clients: [
    {
      types: [{ from: 'package', package: 'aws-sdk', name: 'DocumentClient' }],
      methods: DOCUMENT_CLIENT_METHODS,
    },
    {
      types: [{ from: 'package', package: 'aws-sdk', name: 'DynamoDB' }],
      methods: ITEM_CLIENT_METHODS,
    },
  ],
};
