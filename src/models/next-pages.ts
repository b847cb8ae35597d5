import type { RequestObjectModel, ResponseModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

const CONTEXT_TYPES: readonly Specifier[] = [{ from: 'package', package: 'next', name: 'GetServerSidePropsContext' }];

/**
 * Next.js pages router `getServerSideProps(context)`: runs on every request of the page, with the
 * dynamic route segments in `params`, the query string in `query` and the Node request in `req`.
 * (`getStaticProps` runs at build time on `getStaticPaths`' own values: no client data.)
 */
export const nextServerSideContext: RequestObjectModel = {
  framework: 'Next.js',
  types: CONTEXT_TYPES,
  parameters: [{ kind: 'exported', functions: ['getServerSideProps'], index: 0 }],
  sources: {
    params: 'route parameter',
    query: 'query string',
    resolvedUrl: 'request URL',
    'req.url': 'request URL',
    'req.headers': 'request header',
    'req.cookies': 'cookie',
  },
  // iron-session's `withIronSessionSsr` and similar middleware put the signed session on `req`.
  principals: [
    ['req', 'session'],
    ['req', 'user'],
  ],
  callerHint: 'getServerSession(context.req, context.res, authOptions)',
};

/**
 * What `getServerSideProps` returns under `props` is serialised into the page (`__NEXT_DATA__`)
 * for whoever requested it; `redirect` and `notFound` send nothing.
 */
export const nextServerSideProps: ResponseModel = {
  framework: 'Next.js getServerSideProps',
  handlers: { ...nextServerSideContext, sent: 'props' },
};
