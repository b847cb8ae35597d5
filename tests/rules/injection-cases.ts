import type { MessageId } from '../../rules/no-expression-injection.js';

/**
 * Expectations written next to the code for `no-expression-injection`: a line ending in
 * `// ✗ expression` must get one `expressionInjection` report, `// ✗ selector ✗ attributeName`
 * two, and a `+` after the kind (`// ✗ statement+`) says the report offers one suggestion.
 */
export function injectionsAt(code: string) {
  const errors = code.split('\n').flatMap((line, index) => {
    const comment = line.lastIndexOf('// ✗');
    if (comment < 0) return [];
    return [...line.slice(comment).matchAll(/✗ (\w+)(\+?)/g)].map((match) => ({
      messageId: `${match[1]}Injection` as MessageId,
      line: index + 1,
      // RuleTester checks a suggestion count at run time; its types only know arrays (outputs are tested in the suggestions suite).
      suggestions: (match[2] ? 1 : 0) as unknown as null,
    }));
  });
  if (errors.length === 0) throw new Error(`invalid case without a // ✗ mark:\n${code}`);
  return { code, errors };
}
