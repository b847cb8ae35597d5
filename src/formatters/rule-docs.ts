/**
 * Each rule's page (`docs/rules/<rule>.md`, shipped in the package) as formatters show it: a
 * one-paragraph summary and the page as markdown with links that work outside the repository.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ruleDocsUrl } from '../rule-meta.js';
import { packageInfo } from '../util/package-info.js';

export interface RulePage {
  /** The first paragraph of `## Rule details`, as plain text. */
  readonly summary: string;
  /** The page below its generated header, with relative links made absolute. */
  readonly markdown: string;
}

const HEADER_END = '<!-- end auto-generated rule header -->';
const pages = new Map<string, RulePage | undefined>();

/** Markdown markup removed, for `text` fields: code spans, emphasis and links keep their text. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/``\s?(.+?)\s?``/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

/** Relative links (`no-unscoped-key.md#guards`, `../../README.md`, `#options`) resolved against the page's URL. */
function absoluteLinks(markdown: string, pageUrl: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z+.-]*:/i.test(target)) return whole;
    return `](${new URL(target, pageUrl).href})`;
  });
}

/** The page of a rule, or undefined when it is not there (a stripped install). */
export function rulePage(name: string): RulePage | undefined {
  if (pages.has(name)) return pages.get(name);
  let page: RulePage | undefined;
  try {
    const source = readFileSync(path.join(packageInfo.root, 'docs', 'rules', `${name}.md`), 'utf8');
    const body = source.includes(HEADER_END) ? source.slice(source.indexOf(HEADER_END) + HEADER_END.length) : source;
    // The first paragraph under `## Rule details`.
    const details = body
      .split(/\n## Rule details\s*\n/)[1]
      ?.trim()
      .split(/\n\s*\n/)[0];
    page = {
      summary: details ? plainText(details.replace(/\s*\n\s*/g, ' ').trim()) : '',
      markdown: absoluteLinks(body.trim(), ruleDocsUrl(name)),
    };
  } catch {
    page = undefined;
  }
  pages.set(name, page);
  return page;
}
