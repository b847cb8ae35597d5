import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** Table names, or `/regex/flags` strings, whose items are public by design. */
export const publicTablesSchema: JSONSchema4 = {
  type: 'array',
  description:
    'Tables whose items are public by design: exact names, or `/regex/` strings matched against the table name or its expression.',
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
};

/** How much a rule needs before it reports (SPEC §5). */
export const evidenceSchema: JSONSchema4 = {
  type: 'string',
  enum: ['required', 'none'],
  description:
    "`'required'` (default, the `recommended` config) reports only what the program does not show to be harmless; `'none'` (the `strict` config) reports every pattern, as an audit.",
};
