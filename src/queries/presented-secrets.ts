import ts from 'typescript';
import { propertyNameOf, skipOuter } from '../engine/ast.js';
import type { AccessFact, KeyPosition } from '../engine/dynamodb/access.js';
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
      const attributes = attributesOf(position);
      const word = heldSecretKeyWords.find((candidate) => attributes.every((name) => namedBy(name, candidate)));
      return (
        attributes.length > 0 &&
        word !== undefined &&
        sourcesOf(position.taint).every((source) => presentedAs(source, word))
      );
    })
  );
}

/**
 * The attributes a key position stands for: the one it names (`Key.refreshToken`), or, for a whole
 * key object a caller passes to a wrapper (`deleteItem(table, { refreshToken })`), every attribute
 * of that object.
 */
function attributesOf(position: KeyPosition): string[] {
  if (position.compared) return [position.compared];
  const [, ...path] = position.label.split('.');
  if (path.length) return [path.at(-1)!];
  const passed = position.value && skipOuter(position.value);
  if (!passed || !ts.isObjectLiteralExpression(passed)) return [position.label];
  const names = passed.properties.map(propertyNameOf);
  return names.every((name) => name !== undefined) ? names : [];
}

/** The request value is named by the word where it is read or on its way (`const { refreshToken } = req.body`). */
function presentedAs(source: SourceOrigin, word: string): boolean {
  if (urlSourceTypes.test(source.sourceType)) return false;
  return [source.label, ...source.steps.map((step) => step.label)].some((label) => namedBy(lastName(label), word));
}

/**
 * The last name a label reads: `refreshToken` of `req.body.refreshToken`, `x-api-key` of
 * `req.headers['x-api-key']` (labelled `req.headers.x-api-key`) and of `headers.get('x-api-key')`.
 */
function lastName(label: string): string {
  const quoted = /[[(]\s*(['"`])(.*?)\1\s*[\])][^\w$]*$/.exec(label);
  return quoted?.[2] ?? /([A-Za-z_$][\w$-]*)[^\w$-]*$/.exec(label)?.[1] ?? '';
}

function namedBy(name: string, word: string): boolean {
  return ` ${nameWords(name)} `.includes(` ${word} `);
}
