/**
 * The rules' metadata, apart from the rules themselves: what the configs, the SARIF formatter and
 * the `scan` terminal output need to describe a rule, without loading the analysis (the engine,
 * typescript-estree and TypeScript). Each file in `rules/` takes its `meta.docs` from here, and
 * `tests/rule-meta.test.ts` checks that the table and the rules agree.
 */
import { packageInfo } from './util/package-info.js';

export const NAMESPACE = 'dynamodb-security';

export type Level = 'error' | 'warn';

export interface RuleMeta {
  /** The rule's one-line description (`meta.docs.description`). */
  readonly description: string;
  /** The rule's level in the `recommended` config. */
  readonly recommended: Level;
  /** The rule's level in the `strict` config. */
  readonly strict: Level;
  /** Whether the rule offers editor suggestions (`meta.hasSuggestions`). */
  readonly hasSuggestions: boolean;
  /** The CWE ids of the weakness the rule finds, for SARIF `properties.tags` (`external/cwe/cwe-639`). */
  readonly cwe: readonly number[];
}

export const RULE_META = {
  'no-unscoped-key': {
    description: 'Disallow request-derived DynamoDB keys that are not scoped to the authenticated caller',
    recommended: 'error',
    strict: 'error',
    hasSuggestions: false,
    // Authorization Bypass Through User-Controlled Key (IDOR / BOLA).
    cwe: [639],
  },
  'no-unvalidated-input': {
    description: 'Disallow request-derived DynamoDB key and filter values that no validator has checked',
    recommended: 'warn',
    strict: 'error',
    hasSuggestions: false,
    // Improper Input Validation.
    cwe: [20],
  },
  'no-expression-injection': {
    description:
      'Disallow request-derived text in DynamoDB expressions, attribute names, table or index names and PartiQL statements',
    recommended: 'error',
    strict: 'error',
    hasSuggestions: true,
    // Improper Neutralization of Special Elements in Data Query Logic.
    cwe: [943],
  },
  'no-raw-item-response': {
    description: 'Disallow sending whole DynamoDB items to the HTTP response without a projection',
    recommended: 'error',
    strict: 'error',
    hasSuggestions: false,
    // Exposure of Sensitive Information Due to Incompatible Policies.
    cwe: [213],
  },
} as const satisfies Record<string, RuleMeta>;

export type RuleName = keyof typeof RULE_META;

export const RULE_NAMES = Object.keys(RULE_META) as RuleName[];

/** The rule's page: `docs/rules/<name>.md` in the repository named by `homepage` in package.json. */
export function ruleDocsUrl(name: string): string {
  return `${packageInfo.homepage}/blob/main/docs/rules/${name}.md`;
}

/** What a rule file puts in `meta.docs` (the URL is added by `createRule`). */
export function ruleDocs(name: RuleName): {
  description: string;
  recommended: Level;
  strict: Level;
  requiresTypeChecking: true;
} {
  const { description, recommended, strict } = RULE_META[name];
  return { description, recommended, strict, requiresTypeChecking: true };
}

/** The metadata of `dynamodb-security/<name>`, or undefined for another plugin's rule. */
export function ownRuleMeta(ruleId: string | null | undefined): (RuleMeta & { name: RuleName }) | undefined {
  if (!ruleId?.startsWith(`${NAMESPACE}/`)) return undefined;
  const name = ruleId.slice(NAMESPACE.length + 1);
  return Object.hasOwn(RULE_META, name) ? { ...RULE_META[name as RuleName], name: name as RuleName } : undefined;
}
