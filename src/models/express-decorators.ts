import type { DecoratorModel } from '../engine/model.js';

/**
 * @decorators/express controllers: `@Params('id')`, `@Query('q')`, `@Body()`, `@Headers('x')`,
 * `@Cookies('sid')` hand the handler the request's values (`@Request()` is the Express request,
 * recognised by its type).
 */
export const decoratorsExpressDecorators: DecoratorModel = {
  framework: '@decorators/express',
  sources: {
    Params: 'route parameter',
    Query: 'query string',
    Body: 'request body',
    Headers: 'request header',
    Cookies: 'cookie',
  },
  // The package injects no caller of its own: `req.user` is read from `@Request()`.
  principalPattern: '(?!)',
};

/**
 * routing-controllers: `@Param('id')`, `@QueryParam('q')`, `@BodyParam('x')`, `@HeaderParam('x')`,
 * `@CookieParam('sid')` and their plural forms; `@CurrentUser()` is what the app's
 * `currentUserChecker` returns for the request's credentials.
 */
export const routingControllersDecorators: DecoratorModel = {
  framework: 'routing-controllers',
  sources: {
    QueryParam: 'query string',
    QueryParams: 'query string',
    BodyParam: 'request body',
    HeaderParam: 'request header',
    HeaderParams: 'request header',
    CookieParam: 'cookie',
    CookieParams: 'cookie',
  },
  principalPattern: '^CurrentUser$',
};
