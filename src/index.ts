import type { ESLint, Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { NAMESPACE, RULE_META } from './rule-meta.js';
import { rules } from './rules.js';
import { packageInfo } from './util/package-info.js';

/**
 * The files the complete configs lint. JavaScript is left out: a `.js` file that no tsconfig.json
 * includes is a parse error under the project service (the README shows how to add it).
 */
const TYPED_FILES = ['**/*.{ts,tsx,mts,cts}'];

type Preset = 'recommended' | 'strict';
type ConfigName = Preset | 'recommended-type-checked' | 'strict-type-checked';

export interface DynamoDBSecurityPlugin extends ESLint.Plugin {
  readonly meta: { readonly name: string; readonly version: string; readonly namespace: string };
  /**
   * `recommended` and `strict` register the plugin and set its rules, for a config that already
   * sets up typed linting. `recommended-type-checked` and `strict-type-checked` are complete: they
   * also set `files`, the typescript-eslint parser and `parserOptions.projectService`.
   */
  readonly configs: Record<ConfigName, Linter.Config>;
}

const plugin: DynamoDBSecurityPlugin = {
  meta: { name: packageInfo.name, version: packageInfo.version, namespace: NAMESPACE },
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

/** The rule levels (and, for `strict`, the audit options) of a preset, from the rule metadata table. */
function ruleLevels(preset: Preset): Linter.RulesRecord {
  return Object.fromEntries(
    Object.entries(RULE_META).map(([id, meta]): [string, Linter.RuleEntry] => {
      const options = preset === 'strict' ? auditOptions[id] : undefined;
      return [`${NAMESPACE}/${id}`, options ? [meta[preset], options] : meta[preset]];
    }),
  );
}

/** A flat config that registers the plugin itself, so users need only add one entry. */
function configFor(preset: Preset): Linter.Config {
  return { name: `${NAMESPACE}/${preset}`, plugins: { [NAMESPACE]: plugin }, rules: ruleLevels(preset) };
}

/** The preset with typed linting set up: `export default [dynamodb.configs['recommended-type-checked']]` is a whole config. */
function typeCheckedConfigFor(preset: Preset): Linter.Config {
  return {
    ...configFor(preset),
    name: `${NAMESPACE}/${preset}-type-checked`,
    files: TYPED_FILES,
    languageOptions: { parser: tsParser, parserOptions: { projectService: true } },
  };
}

plugin.configs.recommended = configFor('recommended');
plugin.configs.strict = configFor('strict');
plugin.configs['recommended-type-checked'] = typeCheckedConfigFor('recommended');
plugin.configs['strict-type-checked'] = typeCheckedConfigFor('strict');

// The default export alone: `require()` of this ES module (Node 20.19+) and tools that load plugins
// that way (eslint-doc-generator) then get the plugin object, not a namespace.
export default plugin;
