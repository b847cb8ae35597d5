import type { DecoratorModel, ResponseModel } from '../engine/model.js';

/** NestJS parameter decorators. `@Req()` hands over the Express request (see the Express model). */
export const nestjsDecorators: DecoratorModel = {
  framework: 'NestJS',
  sources: {
    Param: 'route parameter',
    Query: 'query string',
    Body: 'request body',
    Headers: 'request header',
    Ip: 'client address',
    // `@nestjs/graphql` resolvers: `@Args('id') id`, `@Args() args`.
    Args: 'GraphQL argument',
  },
  principalPattern:
    '^(?:Current|Auth|Authenticated|Session|Req|Request|Get)?(?:User|Principal|Caller|Claims|Identity|Account|Jwt|JwtPayload|Auth)(?:Id|Sub)?$',
  pipes: {
    ParseUUIDPipe: 'validated',
    ParseIntPipe: 'allowListed',
    ParseFloatPipe: 'allowListed',
    ParseBoolPipe: 'allowListed',
    ParseEnumPipe: 'allowListed',
  },
  // class-validator decorators that constrain a DTO field's text (`@IsString()` alone does not).
  fieldValidators: {
    IsUUID: 'validated',
    IsEmail: 'validated',
    IsAlphanumeric: 'validated',
    IsAlpha: 'validated',
    IsMongoId: 'validated',
    IsISO8601: 'validated',
    IsDateString: 'validated',
    IsNumberString: 'validated',
    IsULID: 'validated',
    Matches: 'pattern',
    IsIn: 'allowListed',
    IsEnum: 'allowListed',
    IsInt: 'allowListed',
    IsNumber: 'allowListed',
    IsBoolean: 'allowListed',
  },
  whitelistPipes: { names: ['ValidationPipe'], option: 'whitelist' },
  routeGuards: {
    decorators: ['UseGuards'],
    method: 'canActivate',
    metadataSetters: [{ from: 'package', package: '@nestjs/common', name: 'SetMetadata' }],
    metadataReaders: [
      { from: 'package', package: '@nestjs/core', name: ['get', 'getAll', 'getAllAndOverride', 'getAllAndMerge'] },
    ],
    targets: { method: 'getHandler', class: 'getClass' },
  },
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
