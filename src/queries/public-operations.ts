import path from 'node:path';
import ts from 'typescript';
import { argumentSite, callerName, skipOuter } from '../engine/ast.js';
import { nameWords } from '../engine/strings.js';

/** How many calls a handler is followed up through to the name it is registered or held under. */
const MAX_WRAPPER_HOPS = 3;
/** How many folders above a handler's file may name its route (`app/api/public/[id]/route.ts`). */
const MAX_ROUTE_FOLDERS = 4;

/**
 * Whether the program names the operation a handler serves public (SPEC §5, public by design as the
 * code marks it): its own name or the name it is held under (`getPublicProfile`, `const
 * publicProfile = middy(async (event) => …)`), the route path it is registered under
 * (`app.get('/public/users/:id', …)`), its file's name (`Query.getPublicProfile.js`, an AppSync
 * resolver; `publicRoutes.ts`) or a folder of its file-based route (`app/api/public/…`). `words`
 * are words of names (`public`); a folder counts only when it is one of them, so `public-api/` (an
 * API open to the internet) does not. A file's name speaks for its handlers only when no code of
 * the file reads the caller's identity (`authenticates`): a module that authenticates some of its
 * routes is not a public one, whatever its name.
 */
export function namedPublic(
  handler: ts.Node,
  words: ReadonlySet<string>,
  authenticates: (file: ts.SourceFile) => boolean,
): boolean {
  const says = (name: string) =>
    nameWords(name)
      .split(' ')
      .some((word) => words.has(word));
  if (handlerNames(handler).some(says)) return true;
  const source = handler.getSourceFile();
  const file = source.fileName;
  if (says(path.basename(file).replace(/\.[^.]*$/, '')) && !authenticates(source)) return true;
  const folders = path.dirname(file).split(/[\\/]/).slice(-MAX_ROUTE_FOLDERS);
  return folders.some((folder) => words.has(folder.toLowerCase()));
}

/** The handler's own name, the names it is held under through wrapper calls, and the route paths it is registered with. */
function handlerNames(handler: ts.Node): string[] {
  const names: string[] = [];
  let node: ts.Node = handler;
  for (let hop = 0; hop <= MAX_WRAPPER_HOPS; hop++) {
    const own = callerName(node);
    if (own) names.push(own);
    const site = argumentSite(node);
    if (!site) break;
    const [first] = site.call.arguments;
    const route = first && skipOuter(first);
    if (route && ts.isStringLiteralLike(route)) names.push(route.text);
    node = site.call;
  }
  return names;
}
