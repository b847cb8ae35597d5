import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules.js';
import { packageInfo } from './util/package-info.js';

const namespace = 'dynamodb-security';

type Level = 'error' | 'warn';

function configFor(level: 'recommended' | 'strict', plugin: TSESLint.FlatConfig.Plugin): TSESLint.FlatConfig.Config {
  const ruleLevels: Record<string, Level> = {};
  for (const [id, rule] of Object.entries(rules)) ruleLevels[`${namespace}/${id}`] = rule.meta.docs?.[level] ?? 'error';
  return { name: `${namespace}/${level}`, plugins: { [namespace]: plugin }, rules: ruleLevels };
}

const plugin = {
  meta: { name: packageInfo.name, version: packageInfo.version, namespace },
  rules,
  configs: {} as { recommended: TSESLint.FlatConfig.Config; strict: TSESLint.FlatConfig.Config },
};

// The configs register the plugin object itself, so users need only spread one entry.
plugin.configs.recommended = configFor('recommended', plugin as unknown as TSESLint.FlatConfig.Plugin);
plugin.configs.strict = configFor('strict', plugin as unknown as TSESLint.FlatConfig.Plugin);

export default plugin;
export { rules };
