import { ESLintUtils } from '@typescript-eslint/utils';
import { packageInfo } from './package-info.js';

export interface DynamoDBSecurityDocs {
  /** The rule's level in the `recommended` config. */
  readonly recommended: 'error' | 'warn';
  /** The rule's level in the `strict` config. */
  readonly strict: 'error' | 'warn';
  readonly requiresTypeChecking: true;
}

/** Every rule's `meta.docs.url` is its page in `docs/rules/` on the repository's main branch. */
export const createRule = ESLintUtils.RuleCreator<DynamoDBSecurityDocs>(
  (name) => `${packageInfo.homepage}/blob/main/docs/rules/${name}.md`,
);
