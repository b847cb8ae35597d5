import { ESLintUtils } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { findUnscopedKeys } from '../src/queries/unscoped-key.js';
import { ruleDocs } from '../src/rule-meta.js';
import { contained } from '../src/queries/findings.js';
import { createRule } from '../src/util/create-rule.js';
import { positionFindingData } from '../src/util/finding-data.js';
import { reportLocation } from '../src/util/report-location.js';
import { evidenceSchema, publicTablesSchema } from '../src/util/schemas.js';

export type Options = [{ publicTables?: string[]; guards?: string[]; evidence?: 'required' | 'none' }];
export type MessageId = 'unscopedKey';

export default createRule<Options, MessageId>({
  name: 'no-unscoped-key',
  meta: {
    type: 'problem',
    docs: ruleDocs('no-unscoped-key'),
    messages: {
      unscopedKey:
        "{{flow}}: the {{sourceType}}{{unvalidated}} {{selects}} and nothing ties it to {{principal}}, so any client can reach others' items (IDOR); {{evidence}}.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          publicTables: publicTablesSchema,
          evidence: evidenceSchema,
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
    defaultOptions: [{ publicTables: [], guards: [], evidence: 'required' }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    return {
      Program(node: TSESTree.Program) {
        const file = services.esTreeNodeToTSNodeMap.get(node);
        const findings = contained('no-unscoped-key', file, () =>
          findUnscopedKeys(
            services.program,
            file,
            {
              publicTables: options.publicTables ?? [],
              guards: options.guards ?? [],
              evidence: options.evidence ?? 'required',
            },
            context.settings,
            context.cwd,
          ),
        );
        for (const finding of findings) {
          context.report({
            ...reportLocation(services, finding.node),
            messageId: 'unscopedKey',
            data: {
              ...positionFindingData(finding),
              evidence: finding.evidenceText,
              unvalidated: finding.unvalidated ? ' (also unvalidated)' : '',
              principal: finding.principal,
              selects: finding.selects,
            },
          });
        }
      },
    };
  },
});
