import { ESLintUtils } from '@typescript-eslint/utils';

export interface DynamoDBSecurityDocs {
  /** The rule's level in the `recommended` config. */
  readonly recommended: 'error' | 'warn';
  /** The rule's level in the `strict` config. */
  readonly strict: 'error' | 'warn';
  readonly requiresTypeChecking: true;
}

const REPOSITORY = 'https://github.com/eslint-plugin-dynamodb-security/eslint-plugin-dynamodb-security';

export const createRule = ESLintUtils.RuleCreator<DynamoDBSecurityDocs>((name) => `${REPOSITORY}/blob/main/docs/rules/${name}.md`);
