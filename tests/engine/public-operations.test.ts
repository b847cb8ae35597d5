import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { namedPublic } from '../../src/queries/public-operations.js';

const WORDS = new Set(['public']);

/** The first function of a file with this name and text, asked whether the program names it public. */
function handlerIn(fileName: string, text: string, authenticates = false): boolean {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (!found && (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node))) found = node;
    node.forEachChild(visit);
  };
  visit(file);
  return namedPublic(found!, WORDS, () => authenticates);
}

describe('namedPublic', () => {
  it('reads an AppSync resolver file named for a public field', () => {
    expect(handlerIn('/app/resolvers/Query.getPublicProfile.js', 'export function request(ctx) {}')).toBe(true);
    expect(handlerIn('/app/resolvers/Query.getProfile.js', 'export function request(ctx) {}')).toBe(false);
  });

  it('reads a module named public only when none of its code reads the caller', () => {
    const routes = "router.get('/invoices/:id', async (req, res) => {});";
    expect(handlerIn('/app/src/routes/publicRoutes.ts', routes)).toBe(true);
    expect(handlerIn('/app/src/routes/publicRoutes.ts', routes, true)).toBe(false);
    // Its own name or route path still says so.
    expect(
      handlerIn('/app/src/routes/publicRoutes.ts', "router.get('/public/:id', async (req, res) => {});", true),
    ).toBe(true);
  });

  it('reads a file-based route under a public folder, not a folder that only starts with the word', () => {
    expect(handlerIn('/app/api/public/[id]/route.ts', 'export async function GET() {}')).toBe(true);
    expect(handlerIn('/app/packages/public-api/src/users.ts', 'export async function getUser() {}')).toBe(false);
  });

  it('reads the route path and the name a wrapped handler is held under', () => {
    expect(handlerIn('/app/src/routes.ts', "router.get('/profiles/public/:id', async (req, res) => {});")).toBe(true);
    expect(handlerIn('/app/src/routes.ts', 'export const publicFeed = middy(async (event) => {});')).toBe(true);
    expect(handlerIn('/app/src/routes.ts', "router.get('/publish/:id', async (req, res) => {});")).toBe(false);
  });
});
