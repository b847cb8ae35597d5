import { ESLintUtils } from '@typescript-eslint/utils';
import { ruleDocsUrl } from '../rule-meta.js';

export interface DynamoDBSecurityDocs {
  /** The rule's level in the `recommended` config. */
  readonly recommended: 'error' | 'warn';
  /** The rule's level in the `strict` config. */
  readonly strict: 'error' | 'warn';
  readonly requiresTypeChecking: true;
}

/** Every rule's `meta.docs.url` is its page in `docs/rules/` (see `ruleDocsUrl`). */
export const createRule = ESLintUtils.RuleCreator<DynamoDBSecurityDocs>(ruleDocsUrl);
