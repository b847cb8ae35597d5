import type ts from 'typescript';

/**
 * Which files may reach a sink: a file whose own text may hold one, and a file that leads to such a
 * file (through its imports, or to the classes implementing a type it declares). Files that import
 * each other are common (a NestJS module and its controllers; an interface and the class that
 * implements it), so the answer is found per strongly connected component (Tarjan's search): every
 * file of a cycle gets the same answer, whichever file is asked about first.
 */
export class SinkReach {
  private readonly answers = new Map<ts.SourceFile, boolean>();

  constructor(
    /** A file's own test: its text may hold a sink. */
    private readonly holdsSinks: (file: ts.SourceFile) => boolean,
    /** The files a file leads to. */
    private readonly next: (file: ts.SourceFile) => Iterable<ts.SourceFile>,
  ) {}

  reaches(file: ts.SourceFile): boolean {
    const known = this.answers.get(file);
    if (known !== undefined) return known;
    this.search(file);
    return this.answers.get(file) ?? false;
  }

  private search(root: ts.SourceFile): void {
    const order = new Map<ts.SourceFile, number>();
    const low = new Map<ts.SourceFile, number>();
    const stack: ts.SourceFile[] = [];
    /** Files of the stack known to reach a sink. */
    const found = new Set<ts.SourceFile>();
    const visit = (file: ts.SourceFile): void => {
      const index = order.size;
      order.set(file, index);
      low.set(file, index);
      stack.push(file);
      let reaches = this.holdsSinks(file);
      // perf: a file known to reach a sink follows no further file. The search is then the search
      // of the graph without those edges, whose components lie inside the real ones: a component
      // found to reach a sink does, and one found not to lost no edge.
      for (const target of reaches ? [] : this.next(file)) {
        const answer = this.answers.get(target);
        if (answer === undefined && !order.has(target)) {
          visit(target);
          low.set(file, Math.min(low.get(file)!, low.get(target)!));
        } else if (answer === undefined) {
          // On the stack: in this file's component.
          low.set(file, Math.min(low.get(file)!, order.get(target)!));
        }
        reaches = this.answers.get(target) ?? found.has(target);
        if (reaches) break;
      }
      if (reaches) found.add(file);
      if (low.get(file) !== index) return;
      const component = stack.splice(stack.indexOf(file));
      const answer = component.some((member) => found.has(member));
      for (const member of component) this.answers.set(member, answer);
    };
    visit(root);
  }
}
