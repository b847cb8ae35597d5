import type { RequestObjectModel, SinkModel } from '../engine/model.js';
import { expressRequest, expressResponse } from './express.js';
import { libDynamodb } from './lib-dynamodb.js';

/** The frameworks and SDKs the plugin knows out of the box. */
export const requestObjects: readonly RequestObjectModel[] = [expressRequest, expressResponse];
export const sinkModels: readonly SinkModel[] = [libDynamodb];
