/**
 * A rule whose default options are the `strict` config's audit mode (`evidence: 'none'`): the
 * pattern suites test what the engine finds, the evidence suites what `recommended` keeps of it.
 */
export function auditMode<Rule extends { meta: { defaultOptions?: readonly unknown[] } }>(rule: Rule): Rule {
  const [first] = rule.meta.defaultOptions ?? [{}];
  return { ...rule, meta: { ...rule.meta, defaultOptions: [{ ...(first as object), evidence: 'none' }] } };
}
