import { ESLintUtils } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { findRawItemResponses } from '../src/queries/raw-item-response.js';
import { ruleDocs } from '../src/rule-meta.js';
import { contained } from '../src/queries/findings.js';
import { createRule } from '../src/util/create-rule.js';
import { reportLocation } from '../src/util/report-location.js';
import { evidenceSchema } from '../src/util/schemas.js';

export type Options = [{ allowDenyList?: boolean; evidence?: 'required' | 'none' }];
export type MessageId = 'rawItem' | 'denyList' | 'projectedSecret';

export default createRule<Options, MessageId>({
  name: 'no-raw-item-response',
  meta: {
    type: 'problem',
    docs: ruleDocs('no-raw-item-response'),
    messages: {
      rawItem:
        '{{flow}}: the whole item reaches the client with every attribute it holds, including any added later; {{evidence}} (excessive data exposure).',
      denyList:
        '{{flow}}: removing some attributes ({{denyList}}) still sends every other attribute of the item, including any added later; {{evidence}} (excessive data exposure).',
      projectedSecret:
        '{{flow}}: the read is projected ({{projection}}), but the projection still returns {{evidence}} (excessive data exposure).',
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
          evidence: evidenceSchema,
        },
      },
    ],
    defaultOptions: [{ allowDenyList: false, evidence: 'required' }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    return {
      Program(node: TSESTree.Program) {
        const file = services.esTreeNodeToTSNodeMap.get(node);
        const findings = contained('no-raw-item-response', file, () =>
          findRawItemResponses(
            services.program,
            file,
            { allowDenyList: options.allowDenyList ?? false, evidence: options.evidence ?? 'required' },
            context.settings,
            context.cwd,
          ),
        );
        for (const finding of findings) {
          context.report({
            ...reportLocation(services, finding.node),
            messageId: finding.projectionText ? 'projectedSecret' : finding.denyListText ? 'denyList' : 'rawItem',
            data: {
              flow: finding.flowText,
              denyList: finding.denyListText ?? '',
              projection: finding.projectionText ?? '',
              evidence: finding.evidenceText || 'nothing known of it is sensitive, so this may be by design',
              steps: JSON.stringify(finding.flow),
            },
          });
        }
      },
    };
  },
});
