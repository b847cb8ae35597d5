import { ESLintUtils } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { findExpressionInjections } from '../src/queries/expression-injection.js';
import { ruleDocs } from '../src/rule-meta.js';
import { contained } from '../src/queries/findings.js';
import { createRule } from '../src/util/create-rule.js';
import { reportLocation } from '../src/util/report-location.js';

export type MessageId =
  | 'expressionInjection'
  | 'attributeNameInjection'
  | 'placeholderInjection'
  | 'selectorInjection'
  | 'statementInjection'
  | 'suggestBindExpressionValues'
  | 'suggestBindStatementParameters';

export default createRule<[], MessageId>({
  name: 'no-expression-injection',
  meta: {
    type: 'problem',
    docs: ruleDocs('no-expression-injection'),
    hasSuggestions: true,
    messages: {
      expressionInjection:
        '{{flow}}: text from the {{sourceType}} is spliced into {{position}}{{splices}}; the client can rewrite the expression (bind it as a `:placeholder`).',
      attributeNameInjection:
        '{{flow}}: the {{sourceType}} chooses the attribute names of {{position}}{{splices}}; the client can reach any attribute (map it through a constant allow-list).',
      placeholderInjection:
        '{{flow}}: text from the {{sourceType}} names the placeholder {{position}}; the client shapes the expression (generate the placeholder names).',
      selectorInjection:
        '{{flow}}: the {{sourceType}} chooses {{position}}{{splices}}; the client can pick another table, index or result (use a constant allow-list).',
      statementInjection:
        '{{flow}}: text from the {{sourceType}} is spliced into the PartiQL {{position}}{{splices}} (bind it as a `?` parameter).',
      suggestBindExpressionValues: 'Bind the spliced values as `ExpressionAttributeValues` placeholders.',
      suggestBindStatementParameters: 'Bind the spliced values as `?` parameters.',
    },
    schema: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    return {
      Program(node: TSESTree.Program) {
        const file = services.esTreeNodeToTSNodeMap.get(node);
        const findings = contained('no-expression-injection', file, () =>
          findExpressionInjections(services.program, file, context.settings, context.cwd),
        );
        for (const finding of findings) {
          const source = finding.sources[0]!;
          context.report({
            ...reportLocation(services, finding.node),
            messageId: `${finding.kind}Injection`,
            data: {
              flow: finding.flowText,
              sourceType: source.sourceType,
              position: finding.position.label,
              splices: finding.splicesText,
              steps: JSON.stringify(finding.flow),
            },
            suggest: finding.suggestions.map((suggestion) => ({
              messageId: suggestion.messageId,
              fix: (fixer) => suggestion.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
            })),
          });
        }
      },
    };
  },
});
