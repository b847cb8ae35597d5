import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

/** The ESTree node for a TypeScript node of the file being linted, or its location. */
export function reportLocation(
  services: ParserServicesWithTypeInformation,
  node: ts.Node,
): { node: TSESTree.Node } | { loc: TSESTree.SourceLocation } {
  const mapped = services.tsNodeToESTreeNodeMap.get(node) as TSESTree.Node | undefined;
  if (mapped) return { node: mapped };
  const file = node.getSourceFile();
  const start = file.getLineAndCharacterOfPosition(node.getStart(file));
  const end = file.getLineAndCharacterOfPosition(node.getEnd());
  return {
    loc: {
      start: { line: start.line + 1, column: start.character },
      end: { line: end.line + 1, column: end.character },
    },
  };
}
