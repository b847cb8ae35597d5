import { ESLintUtils } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { findUnvalidatedInputs } from '../src/queries/unvalidated-input.js';
import { ruleDocs } from '../src/rule-meta.js';
import { contained } from '../src/queries/findings.js';
import { createRule } from '../src/util/create-rule.js';
import { positionFindingData } from '../src/util/finding-data.js';
import { reportLocation } from '../src/util/report-location.js';
import { evidenceSchema } from '../src/util/schemas.js';

export type Options = [{ validators?: string[]; evidence?: 'required' | 'none' }];
export type MessageId = 'unvalidatedInput';

export default createRule<Options, MessageId>({
  name: 'no-unvalidated-input',
  meta: {
    type: 'problem',
    docs: ruleDocs('no-unvalidated-input'),
    messages: {
      unvalidatedInput:
        '{{flow}}: the {{sourceType}} selects or filters items with unchecked text (validate it: a schema, an anchored pattern or an allow-list).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          validators: {
            type: 'array',
            description:
              'Names of your own validating functions: a predicate (`isNoteId(x)`), an assertion (`assertNoteId(x)`) or a parser (`parseNoteId(x)`). Type predicates are recognised without configuration.',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
          evidence: {
            ...evidenceSchema,
            description:
              "The mode `no-unscoped-key` runs in, so that this rule stays silent on exactly the keys it reports: `'required'` (default, `recommended`) or `'none'` (`strict`).",
          },
        },
      },
    ],
    defaultOptions: [{ validators: [], evidence: 'required' }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    return {
      Program(node: TSESTree.Program) {
        const file = services.esTreeNodeToTSNodeMap.get(node);
        const findings = contained('no-unvalidated-input', file, () =>
          findUnvalidatedInputs(
            services.program,
            file,
            options.validators ?? [],
            options.evidence ?? 'required',
            context.settings,
            context.cwd,
          ),
        );
        for (const finding of findings) {
          context.report({
            ...reportLocation(services, finding.node),
            messageId: 'unvalidatedInput',
            data: positionFindingData(finding),
          });
        }
      },
    };
  },
});
