import type { SourceOrigin } from '../engine/taint.js';
import { nameWords } from '../engine/strings.js';
import { bearerSecretWords, standardHeaders } from './evidence.js';

/** Sources whose names say who the caller is when a client sends them: headers and cookies. */
const CLAIM_SOURCES: ReadonlySet<string> = new Set(['request header', 'cookie', 'signed cookie']);
const SECRET_WORDS: ReadonlySet<string> = new Set(bearerSecretWords);
const STANDARD_HEADERS: ReadonlySet<string> = new Set(standardHeaders);

/** The header or cookie a source label names: its quoted name (`req.get('x-tenant-id')`), else its last property. */
function headerName(label: string): string {
  const quoted = /['"`]([^'"`]+)['"`]/.exec(label)?.[1];
  return quoted ?? label.split('.').pop() ?? label;
}

/**
 * The label of a request value that is an identity the client claims (`x-user-id`,
 * `mex-workspace-id`): a header or cookie that is neither a standard HTTP header nor named a
 * bearer secret (a session id or API key proves the caller knows it). Undefined otherwise.
 */
export function claimedIdentity(origin: SourceOrigin): string | undefined {
  if (!CLAIM_SOURCES.has(origin.sourceType)) return undefined;
  const name = nameWords(headerName(origin.label));
  if (STANDARD_HEADERS.has(name)) return undefined;
  const words = name.split(' ');
  return words.some((word) => SECRET_WORDS.has(word) || SECRET_WORDS.has(word.replace(/s$/, '')))
    ? undefined
    : origin.label;
}
