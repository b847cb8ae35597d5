import type { ESLint, Linter } from 'eslint';
import { rules } from './rules.js';
import { packageInfo } from './util/package-info.js';

const namespace = 'dynamodb-security';

type ConfigName = 'recommended' | 'strict';

export interface DynamoDBSecurityPlugin extends ESLint.Plugin {
  readonly meta: { readonly name: string; readonly version: string; readonly namespace: string };
  readonly configs: Record<ConfigName, Linter.Config>;
}

const plugin: DynamoDBSecurityPlugin = {
  meta: { name: packageInfo.name, version: packageInfo.version, namespace },
  // typescript-eslint's rule type is stricter than ESLint's own; they are the same at run time.
  rules: rules as unknown as ESLint.Plugin['rules'],
  configs: {} as Record<ConfigName, Linter.Config>,
};

/**
 * `strict` is an audit (SPEC §5): the rules that weigh evidence report every pattern, with the
 * evidence where there is some; `recommended` keeps their default, evidence-required mode.
 */
const auditOptions: Partial<Record<string, Record<string, unknown>>> = {
  'no-unscoped-key': { evidence: 'none' },
  'no-unvalidated-input': { evidence: 'none' },
  'no-raw-item-response': { evidence: 'none' },
};

/** A flat config that registers the plugin itself, so users need only add one entry. */
function configFor(level: ConfigName): Linter.Config {
  const ruleLevels: Linter.RulesRecord = {};
  for (const [id, rule] of Object.entries(rules)) {
    const severity = rule.meta.docs?.[level] ?? 'error';
    const options = level === 'strict' ? auditOptions[id] : undefined;
    ruleLevels[`${namespace}/${id}`] = options ? [severity, options] : severity;
  }
  return { name: `${namespace}/${level}`, plugins: { [namespace]: plugin }, rules: ruleLevels };
}

plugin.configs.recommended = configFor('recommended');
plugin.configs.strict = configFor('strict');

// The default export alone: `require()` of this ES module (Node 20.19+) and tools that load plugins
// that way (eslint-doc-generator) then get the plugin object, not a namespace.
export default plugin;
