import ts from 'typescript';
import { enclosingFunction, isOuterExpression, isWithin, referencesOf, skipOuter } from '../engine/ast.js';
import type { DynamoAnalysis } from '../engine/dynamodb/analysis.js';

/** How many expressions an attribute is followed forward through on its way to the message. */
const MAX_MESSAGE_HOPS = 24;

/**
 * An attribute of a looked-up item whose every way ends in a call addressed to the request value
 * that selected the item: `jwt.sign({ id: user.id })` → `` `…/reset?token=${token}` `` →
 * `sendResetEmail(email, link)`, where `email` is the variable the read was keyed by, passed as an
 * argument of its own (the recipient). The message reaches whoever owns that address, not the
 * client, so it discloses nothing of the item to the caller: a password reset mailed to the account
 * looked up. The attribute is followed through variables, member reads, templates, concatenation,
 * object literals and the results of the calls it is handed to; a way that ends anywhere else (a
 * response, a return, a statement that drops it) is not such a message.
 * `keyFlow`: the nodes of the flow from the request to the read's key (`SourceOrigin.steps`).
 */
export function sentOnlyToKeyAddress(
  attribute: ts.Expression,
  keyFlow: readonly (readonly ts.Node[])[],
  analysis: DynamoAnalysis,
): boolean {
  let hops = 0;
  const definitions = analysis.tracer.definitions;
  // A variable the read's key was taken from (`email` of `const { email } = req.body`).
  const onKeyFlow = (argument: ts.Expression): boolean => {
    const bare = skipOuter(argument);
    if (!ts.isIdentifier(bare)) return false;
    const declaration = definitions.declarationOf(bare);
    return (
      !!declaration &&
      keyFlow.some((steps) => steps.some((step) => step === declaration || isWithin(step, declaration)))
    );
  };
  const forward = (node: ts.Expression): boolean => {
    if (++hops > MAX_MESSAGE_HOPS) return false;
    const parent = node.parent;
    if (isOuterExpression(parent) || ts.isAwaitExpression(parent)) return forward(parent);
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) return forward(parent);
    if (ts.isTemplateSpan(parent)) return forward(parent.parent);
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken) return forward(parent);
    if ((ts.isPropertyAssignment(parent) && parent.initializer === node) || ts.isShorthandPropertyAssignment(parent))
      return forward(parent.parent);
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node)) {
      // The recipient: another argument is the value that selected the item.
      if (parent.arguments.some((argument) => argument !== node && onKeyFlow(argument))) return true;
      // Otherwise what the call makes of it (`jwt.sign(claims)`, `createToken(user.id)`) is followed.
      return forward(parent);
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) {
      const scope = enclosingFunction(parent);
      if (ts.isSourceFile(scope)) return false;
      const uses = referencesOf(scope, parent.name, parent.name, (node) => definitions.symbolOf(node));
      return uses.length > 0 && uses.every(forward);
    }
    return false;
  };
  return forward(attribute);
}
