import type { SensitiveCategory } from '../engine/evidence/program-evidence.js';
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
export const sensitiveAttributes: readonly { readonly category: SensitiveCategory; readonly words: RegExp }[] = [
  {
    category: 'authorization',
    words: /\b(?:role|roles|permission|permissions|admin|is admin|superuser|privilege|privileges|acl)\b/,
  },
  {
    category: 'credential',
    words:
      /\b(?:password|passwd|pwd|hash|salt|secret|token|api key|apikey|credential|credentials|private key|mfa|otp|totp|refresh token|session id)\b/,
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
    category: 'internal state',
    words:
      /\b(?:is deleted|deleted at|deleted|is banned|banned|is blocked|blocked|is suspended|suspended|internal|internal notes|risk score|fraud|flagged|moderation)\b/,
  },
];
