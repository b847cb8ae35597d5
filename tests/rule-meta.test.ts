/**
 * `src/rule-meta.ts` is what the configs and the formatters know of the rules without loading them:
 * it must say what the rules say.
 */
import plugin from '../src/index.js';
import { RULE_META, ruleDocsUrl } from '../src/rule-meta.js';

describe('the rule metadata table', () => {
  it('lists every rule, and only rules', () => {
    expect(Object.keys(RULE_META).sort()).toEqual(Object.keys(plugin.rules ?? {}).sort());
  });

  it.each(Object.entries(RULE_META))('%s: docs, levels and suggestions match the rule', (name, meta) => {
    const rule = plugin.rules![name]!;
    expect(rule.meta!.docs).toEqual({
      description: meta.description,
      recommended: meta.recommended,
      strict: meta.strict,
      requiresTypeChecking: true,
      url: ruleDocsUrl(name),
    });
    expect(rule.meta!.hasSuggestions ?? false).toBe(meta.hasSuggestions);
    expect(meta.cwe.length).toBeGreaterThan(0);
  });

  it('gives the configs their levels, and the complete configs typed linting', () => {
    for (const [name, meta] of Object.entries(RULE_META)) {
      expect(plugin.configs.recommended.rules![`dynamodb-security/${name}`]).toBe(meta.recommended);
      // strict may add the audit options (`evidence: 'none'`) after the level.
      expect([plugin.configs.strict.rules![`dynamodb-security/${name}`]].flat()[0]).toBe(meta.strict);
    }
    for (const name of ['recommended', 'strict'] as const) {
      const complete = plugin.configs[`${name}-type-checked`];
      expect(complete.rules).toEqual(plugin.configs[name].rules);
      expect(complete.files).toEqual(['**/*.{ts,tsx,mts,cts}']);
      expect(complete.languageOptions?.parserOptions).toEqual({ projectService: true });
      expect(complete.languageOptions?.parser).toBeDefined();
    }
  });
});
