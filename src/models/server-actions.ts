import type { RequestObjectModel, ResponseModel } from '../engine/model.js';

/**
 * Next.js server actions (SPEC §4): every parameter of an exported function of a `'use server'`
 * module, or of a function whose body starts with `'use server'`, is client data. The client
 * calls the action with whatever arguments it likes, whatever the server code passes elsewhere.
 */
export const serverActionArguments: RequestObjectModel = {
  framework: 'Next.js server action',
  types: [],
  parameters: [{ kind: 'directive', directive: 'use server' }],
  whole: 'server action argument',
  // `formData.get('id')` of a form's `FormData`.
  sourceMethods: { get: 'form field', getAll: 'form field' },
};

/** What a server action returns is sent to the client that called it (SPEC §5 decisions). */
export const serverActionResponses: ResponseModel = {
  framework: 'Next.js server action',
  handlers: serverActionArguments,
};
