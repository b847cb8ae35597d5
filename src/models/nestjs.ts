import type { DecoratorModel, ResponseModel } from '../engine/model.js';

/** NestJS parameter decorators. `@Req()` hands over the Express request (see the Express model). */
export const nestjsDecorators: DecoratorModel = {
  framework: 'NestJS',
  sources: { Param: 'route parameter', Query: 'query string', Body: 'request body', Headers: 'request header', Ip: 'client address' },
  principalPattern: '^(?:Current|Auth|Authenticated|Session|Req|Request|Get)?(?:User|Principal|Caller|Claims|Identity|Account|Jwt|JwtPayload|Auth)(?:Id|Sub)?$',
};

/** What NestJS sends: the value a routed controller method returns (unless it takes `@Res()`). */
export const nestjsResponses: ResponseModel = {
  framework: 'NestJS',
  controllers: [
    {
      classDecorators: ['Controller'],
      methodDecorators: ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Search'],
      responseParameterDecorators: ['Res', 'Response'],
    },
  ],
};
