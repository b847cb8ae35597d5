import type { Specifier } from '../engine/types.js';

/**
 * Library functions that rewrite text without choosing it: HTML sanitizers and escapers, trimming,
 * case. An id passed through one still names the item the client picked, so the result carries
 * its argument's flows, content taint included (stripping tags is no allow-list).
 */
export const textTransforms: readonly Specifier[] = [
  { from: 'package', package: 'sanitize-html', name: ['default', 'sanitize', 'sanitizeHtml'] },
  { from: 'package', package: 'xss', name: ['default', 'filterXSS'] },
  ...['dompurify', 'isomorphic-dompurify'].map((pkg) => ({ from: 'package' as const, package: pkg, name: 'sanitize' })),
  {
    from: 'package',
    package: 'validator',
    name: ['escape', 'unescape', 'trim', 'ltrim', 'rtrim', 'stripLow', 'blacklist', 'whitelist'],
  },
  { from: 'package', package: 'he', name: ['encode', 'decode', 'escape', 'unescape'] },
  { from: 'package', package: 'lodash', name: ['escape', 'unescape', 'trim', 'toLower', 'toUpper'] },
];
