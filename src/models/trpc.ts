import type { RequestObjectModel, ResponseModel } from '../engine/model.js';

/** Fields of a tRPC context that hold the verified caller (built by `createContext` from a session). */
const CONTEXT_PRINCIPALS: readonly (readonly string[])[] = [
  ['ctx', 'user'],
  ['ctx', 'session'],
  ['ctx', 'auth'],
  ['ctx', 'principal'],
  ['ctx', 'identity'],
  ['ctx', 'claims'],
];

/**
 * A tRPC procedure's resolver options: `.query(({ input, ctx }) => …)`, `.mutation(…)` (v10+,
 * typed `ProcedureResolverOptions`), and v9's `.query('name', { input, resolve({ input, ctx }) {…} })`.
 */
export const trpcResolverOptions: RequestObjectModel = {
  framework: 'tRPC',
  types: [{ from: 'package', package: '@trpc/server', name: 'ProcedureResolverOptions' }],
  parameters: [
    { kind: 'member', index: 0, properties: ['resolve'], callees: ['query', 'mutation', 'subscription'] },
    // v10+ resolvers against missing or v9 types: `.query(async ({ input, ctx }) => …)`.
    {
      kind: 'callback',
      registrars: ['query', 'mutation', 'subscription'],
      index: 0,
      names: ['opts', 'req'],
      destructured: ['input', 'ctx', 'rawInput'],
    },
  ],
  sources: { input: 'tRPC input', rawInput: 'tRPC input' },
  sourceMethods: { getRawInput: 'tRPC input' },
  principals: CONTEXT_PRINCIPALS,
  // `.input(z.object({ id: z.string().uuid() }))` validates `input.id`; `z.string()` alone does not (SPEC §4).
  inputSchema: { method: 'input', source: 'input' },
  // `t.procedure.use(async ({ ctx, input, next }) => …)`: the middleware runs before every resolver built on it.
  procedureMiddleware: 'use',
};

/** What a procedure's resolver returns is sent to the client (SPEC §5 decisions). */
export const trpcResponses: ResponseModel = { framework: 'tRPC', handlers: trpcResolverOptions };
