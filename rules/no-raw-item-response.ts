import { ESLintUtils } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { findRawItemResponses } from '../src/queries/raw-item-response.js';
import { createRule } from '../src/util/create-rule.js';
import { reportLocation } from '../src/util/report-location.js';

export type Options = [{ allowDenyList?: boolean }];
export type MessageId = 'rawItem' | 'denyList';

export default createRule<Options, MessageId>({
  name: 'no-raw-item-response',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending whole DynamoDB items to the HTTP response without a projection',
      recommended: 'error',
      strict: 'error',
      requiresTypeChecking: true,
    },
    messages: {
      rawItem:
        '{{flow}}: the whole item is sent to the client with every attribute it holds (password hashes, role flags, internal state, and any attribute added later): excessive data exposure (OWASP API3:2023). Project the read with a constant `ProjectionExpression`, or map the item to the fields the client needs (`{ id: item.id, name: item.name }`).',
      denyList:
        '{{flow}}: removing some attributes ({{denyList}}) still sends every other attribute of the item, including any added to the table later: excessive data exposure (OWASP API3:2023). Project the read with a constant `ProjectionExpression`, or map the item to the fields the client needs; `allowDenyList: true` accepts deny-lists.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowDenyList: {
            type: 'boolean',
            description:
              'Accept deny-lists (`const { secret, ...rest } = item`, `_.omit(item, …)`, `delete item.secret`) as projections.',
          },
        },
      },
    ],
    defaultOptions: [{ allowDenyList: false }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    return {
      Program(node: TSESTree.Program) {
        const file = services.esTreeNodeToTSNodeMap.get(node);
        const findings = findRawItemResponses(
          services.program,
          file,
          { allowDenyList: options.allowDenyList ?? false },
          context.settings,
          context.cwd,
        );
        for (const finding of findings) {
          context.report({
            ...reportLocation(services, finding.node),
            messageId: finding.denyListText ? 'denyList' : 'rawItem',
            data: {
              flow: finding.flowText,
              denyList: finding.denyListText ?? '',
              steps: JSON.stringify(finding.flow),
            },
          });
        }
      },
    };
  },
});
