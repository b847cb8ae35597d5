import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { symbolMatches } from '../../src/engine/types.js';
import { principalCalls } from '../../src/models/index.js';
import { programOf, sourceFile } from './program.js';

/**
 * Session functions that the checker does not name as the package's own (SPEC §3: type first,
 * shape fallback): Auth.js v5's `auth` bound in the app from `NextAuth(…)`, and next-auth v4's
 * server-session imports against types that no longer declare them.
 */
const NEXT_AUTH = `
export interface Session { user: { id: string } }
export interface NextAuthResult { auth(): Promise<Session | null>; signOut(): Promise<void> }
export default function NextAuth(config: unknown): NextAuthResult;
`;
const files = {
  // next-auth 5 types: the v4 subpath declares nothing.
  'node_modules/next-auth/index.d.ts': NEXT_AUTH,
  'node_modules/next-auth/next.d.ts': 'export {};\n',
  'node_modules/other/index.d.ts': 'export declare function make(): { auth(): Promise<unknown> };\n',
  'auth.ts': `import NextAuth from 'next-auth';
export const { auth, signOut } = NextAuth({});
const result = NextAuth({});
export const session = result.auth;
`,
  'uses.ts': `import { auth } from './auth';
import { session } from './auth';
import { getServerSession, unstable_getServerSession, signIn } from 'next-auth/next';
import { getAuth } from '@clerk/nextjs/server';
import { getAuth as otherGetAuth } from 'clerk-lookalike';
import { auth as notNextAuth } from 'other-missing';
import { make } from 'other';
import Untyped from 'next-auth/missing';
const { auth: localAuth } = make();
const { auth: untypedAuth } = Untyped({});
function lookalike() { return { auth: () => null }; }
const { auth: madeHere } = lookalike();
export async function run() {
  auth();
  session();
  getServerSession();
  unstable_getServerSession();
  signIn();
  getAuth();
  otherGetAuth();
  notNextAuth();
  localAuth();
  untypedAuth();
  madeHere();
}
`,
};

/** Whether the call named `name` in uses.ts calls a modelled principal function. */
function matches(program: ts.Program, text: string): boolean {
  const file = sourceFile(program, 'uses.ts');
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.getText() === text) {
      const callee = node.expression;
      found = ts.isIdentifier(callee) ? callee : undefined;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!found) throw new Error(`no call ${text}`);
  const checker = program.getTypeChecker();
  return symbolMatches(checker, checker.getSymbolAtLocation(found), principalCalls);
}

describe('session functions (next-auth, Clerk)', () => {
  const program = programOf(files);

  it('a function destructured from, or read off, the result of NextAuth(…) is the session function', () => {
    expect(matches(program, 'auth()')).toBe(true);
    expect(matches(program, 'session()')).toBe(true);
  });

  it('an import that the installed types do not declare is matched by its module and name', () => {
    expect(matches(program, 'getServerSession()')).toBe(true);
    expect(matches(program, 'unstable_getServerSession()')).toBe(true);
    expect(matches(program, 'getAuth()')).toBe(true);
    // Not a session function of the package, or not the package.
    expect(matches(program, 'signIn()')).toBe(false);
    expect(matches(program, 'otherGetAuth()')).toBe(false);
    expect(matches(program, 'notNextAuth()')).toBe(false);
  });

  it('a member of another package or of a local value is not a session function', () => {
    expect(matches(program, 'localAuth()')).toBe(false);
    expect(matches(program, 'madeHere()')).toBe(false);
  });

  it("without the factory's types, a member destructured from its call is the package's", () => {
    expect(matches(program, 'untypedAuth()')).toBe(true);
  });
});
