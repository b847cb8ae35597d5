import type { SensitiveCategory } from '../engine/evidence/program-evidence.js';
import type { PublicationModel } from '../engine/guards/published.js';
import type { Specifier } from '../engine/types.js';
/**
 * The dictionaries behind the evidence rules (SPEC §5): which names say that an entity is a
 * principal's own record, and which attribute names say that a value is sensitive. Names are
 * compared as words: `UsersTable`, `users-prod`, `USER#` and `userId` all name `user`.
 */

/** Kinds of principal, singular: a table, key prefix or key attribute naming one is a principal record. */
export const principalKinds: readonly string[] = [
  'user',
  'account',
  'member',
  'customer',
  'profile',
  'tenant',
  'org',
  'organization',
  'organisation',
  'principal',
  'identity',
];

/** Key attributes that identify a principal on their own (besides `<kind>Id` / `<kind>_id` / `<kind>name`). */
export const principalKeyNames: readonly string[] = ['username', 'email', 'sub', 'login', 'handle'];

/**
 * Sensitive attribute names, matched against the attribute name's words (camelCase, snake_case and
 * kebab-case split, lower-cased) joined by spaces. Each pattern is anchored on word boundaries so
 * that `tokenCount` is not a token but `accessToken` is. A plain `status` is not sensitive.
 */
/**
 * The caller's own attributes that reach them in person, as words: an item attribute written from
 * one (`user_id: session.user.email`) holds personal data whatever its own name says. (Not an
 * `address`: a wallet address is the public name of an account.)
 */
export const principalContactWords = /\b(?:email|e mail|email address|phone|phone number|mobile)\b/;

export const sensitiveAttributes: readonly { readonly category: SensitiveCategory; readonly words: RegExp }[] = [
  {
    category: 'authorization',
    // `admin` names a flag or a level (`isAdmin`, `siteAdmin`, `adminLevel`), not what an administrator
    // wrote for the item (`adminNotes`, `adminReply`). A role after `by` records who acted
    // (`submittedByRole`, `statusUpdatedByRole`): audit text, not a role the item grants.
    words:
      /\b(?<!\bby )(?:role|roles|permission|permissions|superuser|privilege|privileges|acl)\b|\badmin$|\badmin (?:level|rights|access|flag)\b/,
  },
  {
    category: 'credential',
    words:
      // A hash is a credential alone (`hash`) or of a secret (`pinHash`), not as a content digest
      // (`fileHash`, `imageHash`); one written from a password-hashing call is one whatever its name.
      /\b(?:password|passwd|pwd|salt|secret|token|api key|apikey|credential|credentials|private key|mfa|otp|totp|refresh token|session id)\b|^(?:hash|hashed)$|\b(?:pin|key|code|passcode) hash\b|\bhashed (?:pin|key|code|passcode)\b/,
  },
  {
    category: 'personal data',
    words:
      /\b(?:email|e mail|phone|phone number|mobile|address|street|zip|postcode|postal code|birth date|birthdate|birthday|date of birth|dob|ssn|national id|passport|tax id|ip address)\b/,
  },
  {
    category: 'payment data',
    words:
      /\b(?:card number|card token|iban|bank account|billing|payment method|payment id|stripe|cvv|account number)\b/,
  },
  {
    // Where an item is in its life (deleted, banned): its owner may see that of their own item.
    category: 'lifecycle state',
    words: /\b(?:is deleted|deleted at|deleted|is banned|banned|is blocked|blocked|is suspended|suspended)\b/,
  },
  {
    // The operator's own judgements of an item: not for its owner either.
    category: 'internal state',
    words: /\b(?:internal|internal notes|risk score|fraud|flagged|moderation)\b/,
  },
];

/**
 * Header and cookie names that carry a bearer secret rather than a claim (SPEC §5 refinement): a
 * key looked up by a session id, token or API key proves the caller knows it, so it is judged by
 * the entity's evidence like any other key. Compared as words of the name.
 */
export const bearerSecretWords: readonly string[] = [
  'session',
  'sess',
  'sid',
  'token',
  'jwt',
  'bearer',
  'auth',
  'authorization',
  'key',
  'apikey',
  'secret',
  'signature',
  'csrf',
  'xsrf',
  'nonce',
  'credential',
  'credentials',
];

/**
 * Names of an attribute whose value is itself a secret the client holds (a refresh token, a session
 * id, an API key): an item keyed by it is reached only by whoever presents that secret. Narrower
 * than `bearerSecretWords`, which also names headers that only carry one (`auth`, `key`): a `key`
 * attribute of a key/value table is no secret, nor is a `sessionId` (a call's, a game's session). Compared as words of the name.
 */
export const heldSecretKeyWords: readonly string[] = ['token', 'jwt', 'api key', 'apikey', 'secret', 'nonce'];

/**
 * Kinds of request values a URL carries (`sourceType` of the request models): a secret is presented
 * in a body, a header or a cookie, so a session id in a route (`DELETE /sessions/:id`, a session
 * listed for revocation) is the record's handle, not the secret itself.
 */
export const urlSourceTypes = /\b(?:route parameter|path parameter|query string|query parameter|url)\b/;

/**
 * Standard HTTP request headers, as words of their names: they describe the request (its format,
 * language, client, route through proxies), not who the caller claims to be, so a key taken from
 * one is judged by the entity's evidence.
 */
export const standardHeaders: readonly string[] = [
  'accept',
  'accept language',
  'accept encoding',
  'accept charset',
  'content type',
  'content length',
  'content language',
  'user agent',
  'host',
  'origin',
  'referer',
  'if match',
  'if none match',
  'if modified since',
  'cache control',
  'range',
  'date',
  'x forwarded for',
  'x forwarded host',
  'x forwarded proto',
  'x real ip',
  'x request id',
  'x correlation id',
  'x amzn trace id',
];

/**
 * What marks an item public, so that a read returning only such items is public by design (SPEC
 * §5): flags that are true (`published`, `isPublic`, `is_public`), and state attributes equal to a
 * public value (`visibility = 'public'`, `status = 'published'`, compared without case). Flags and
 * states are words of attribute names.
 */
export const publicationMarks: PublicationModel = {
  flags: ['published', 'is published', 'public', 'is public', 'publicly visible', 'is publicly visible'],
  states: ['visibility', 'status', 'state', 'privacy', 'publication status', 'publish status'],
  values: ['public', 'published'],
};

/**
 * Words by which the program names an operation public (SPEC §5, public by design): a handler
 * called `getPublicProfile`, a route under `/public/`, an AppSync resolver file
 * `Query.getPublicProfile.js`. Reads they serve are meant for anyone; writes never are.
 */
export const publicOperationWords: readonly string[] = ['public'];

/**
 * What a public profile shows of a principal (SPEC §5, public by design), as the words of an
 * attribute's name, alone or followed by `url`: a name, a picture, a bio, the public social graph.
 * A read of someone's record whose item reaches the caller only as such attributes is a profile
 * view; any other attribute (an e-mail, a role, a private inbox) keeps it someone's data.
 */
export const publicProfileAttributes: readonly string[] = [
  'id',
  'uuid',
  'user id',
  'name',
  'username',
  'user name',
  'display name',
  'first name',
  'last name',
  'full name',
  'given name',
  'family name',
  'nickname',
  'screen name',
  'handle',
  'avatar',
  'image',
  'picture',
  'photo',
  'profile image',
  'profile picture',
  'profile photo',
  'profile pic',
  'cover image',
  'banner',
  'bio',
  'about',
  'about me',
  'headline',
  'tagline',
  'website',
  'followers',
  'following',
];

/**
 * Attribute names that record whose an item is (an owner reference), as words of the name, besides
 * `<kind> id` for every principal kind (`userId`, `accountId`): items that record their owner
 * belong to that owner, so a write or delete of one by a client-chosen key is someone else's item
 * changed, whether or not the app fills the owner from the session. `author` alone is not one (a
 * book's author is not a user).
 */
/**
 * Words of attribute names that note who created or last changed an item: within a group's
 * records (a tenant's contractors) such a note names a colleague who did the work, not an owner
 * whose own item it is.
 */
export const creatorNoteAttributes: readonly string[] = [
  'created by',
  'creator',
  'creator id',
  'updated by',
  'modified by',
  'last modified by',
  'last updated by',
  'changed by',
  'edited by',
];

export const ownerReferenceAttributes: readonly string[] = [
  'owner',
  'owner id',
  'owner sub',
  'owned by',
  'creator',
  'creator id',
  'created by',
  'author id',
  'posted by',
  'uploaded by',
  'submitted by',
  'seller id',
];

/**
 * Kinds of group a principal belongs to, singular, as words: a principal attribute naming one
 * (`companyId`, `tenant_id`, `custom:tenantId`, `orgName`, `empresaId`) selects the group's items,
 * which are colleagues' items, not the caller's own (SPEC §5: the owner sees their own data only).
 */
export const tenantKinds: readonly string[] = [
  'tenant',
  'org',
  'organization',
  'organisation',
  'company',
  'empresa',
  'team',
  'workspace',
  'group',
  'business',
];

/** What follows a group kind in the name of its identifying attribute: `companyId`, `teamSlug`. */
export const tenantAttributeSuffixes: readonly string[] = ['id', 'uuid', 'name', 'code', 'key', 'slug'];

/**
 * Password-hashing calls: an attribute written from one (`passwordHash: await bcrypt.hash(pw, 12)`,
 * `AccessKey: bcrypt.hashSync(apiKey)`) holds a credential whatever it is named.
 */
export const passwordHashers: readonly Specifier[] = [
  ...['bcrypt', 'bcryptjs', '@node-rs/bcrypt'].map((pkg) => ({
    from: 'package' as const,
    package: pkg,
    name: ['hash', 'hashSync'],
  })),
  ...['argon2', '@node-rs/argon2'].map((pkg) => ({
    from: 'package' as const,
    package: pkg,
    name: ['hash', 'hashSync'],
  })),
];

/**
 * How a write to another principal's item may only relate the caller to it (a follow, a join, a
 * like) and never change what the owner wrote: list methods that add their arguments to a list read
 * back from the item, in place (`teacher.followers.push(me)`) or as a new list
 * (`followers.concat(me)`); those that keep part of it (`followers.filter((id) => id !== me)`, a
 * removal); and those that change a list in place otherwise (any of them on the list written back
 * makes the write a rewrite).
 */
export const relationshipEdits = {
  addsInPlace: ['push', 'unshift'],
  adds: ['concat'],
  removes: ['filter'],
  rewrites: ['splice', 'pop', 'shift', 'sort', 'reverse', 'fill', 'copyWithin'],
} as const;
