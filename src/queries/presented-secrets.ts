import type { AccessFact } from '../engine/dynamodb/access.js';
import { nameWords } from '../engine/strings.js';
import { sourcesOf } from '../engine/taint.js';
import type { SourceOrigin } from '../engine/taint.js';
import { heldSecretKeyWords, urlSourceTypes } from '../models/evidence.js';

/**
 * Whether every request value in an access's key is a secret the client presents for the
 * attribute that stores it (`Key: { refreshToken }` from `req.body.refreshToken`, a session id from
 * its cookie): only whoever holds the secret reaches the item, so naming it is the authorization,
 * as a session lookup is. Both sides must be named by the same secret word, and the value must come
 * from where secrets are presented (a body, a header, a cookie, not the URL): a `token` attribute
 * looked up by a route `id`, or a `userId` looked up by a token, proves nothing.
 */
export function presentsHeldSecret(fact: AccessFact): boolean {
  const positions = fact.keys.filter((position) => sourcesOf(position.taint).length > 0);
  return (
    positions.length > 0 &&
    positions.every((position) => {
      const attribute = position.compared ?? position.label.split('.').at(-1) ?? position.label;
      const word = heldSecretKeyWords.find((candidate) => namedBy(attribute, candidate));
      return word !== undefined && sourcesOf(position.taint).every((source) => presentedAs(source, word));
    })
  );
}

/** The request value is named by the word where it is read or on its way (`const { refreshToken } = req.body`). */
function presentedAs(source: SourceOrigin, word: string): boolean {
  if (urlSourceTypes.test(source.sourceType)) return false;
  return [source.label, ...source.steps.map((step) => step.label)].some((label) =>
    namedBy(label.match(/[A-Za-z_$][\w$]*/g)?.at(-1) ?? '', word),
  );
}

function namedBy(name: string, word: string): boolean {
  return ` ${nameWords(name)} `.includes(` ${word} `);
}
