import { ESLintUtils } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { findUnscopedKeys } from '../src/queries/unscoped-key.js';
import { ruleDocs } from '../src/rule-meta.js';
import { createRule } from '../src/util/create-rule.js';
import { positionFindingData } from '../src/util/finding-data.js';
import { reportLocation } from '../src/util/report-location.js';
import { publicTablesSchema } from '../src/util/schemas.js';

export type Options = [{ publicTables?: string[]; guards?: string[] }];
export type MessageId = 'unscopedKey';

export default createRule<Options, MessageId>({
  name: 'no-unscoped-key',
  meta: {
    type: 'problem',
    docs: ruleDocs('no-unscoped-key'),
    messages: {
      unscopedKey:
        "{{flow}}: the {{sourceType}} picks the item and nothing ties it to the authenticated caller, so any client can reach other users' items (IDOR). Derive a key attribute from the principal (e.g. `req.user.sub`), or compare the value with the principal and return before the access.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          publicTables: publicTablesSchema,
          guards: {
            type: 'array',
            description:
              'Names of functions that assert the caller owns their arguments (e.g. `assertOwner`); a call to one before the access scopes it.',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
        },
      },
    ],
    defaultOptions: [{ publicTables: [], guards: [] }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    return {
      Program(node: TSESTree.Program) {
        const file = services.esTreeNodeToTSNodeMap.get(node);
        const findings = findUnscopedKeys(
          services.program,
          file,
          { publicTables: options.publicTables ?? [], guards: options.guards ?? [] },
          context.settings,
          context.cwd,
        );
        for (const finding of findings) {
          context.report({
            ...reportLocation(services, finding.node),
            messageId: 'unscopedKey',
            data: positionFindingData(finding),
          });
        }
      },
    };
  },
});
