import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { descendants } from '../../src/engine/ast.js';
import { Definitions } from '../../src/engine/definitions.js';
import { programOf, sourceFile } from './program.js';

// A method called through an interface or an abstract type runs one of the program's classes
// that implement it: with one implementation, that class's method is the callee.

const repo = (
  implementations: string,
) => `export interface TodoRepository { get(id: string): Promise<string>; name: string }
export abstract class Store { abstract load(id: string): string; save(id: string) { return id; } }
${implementations}
`;

const use = `import type { TodoRepository, Store } from './repo';
export const viaInterface = (repository: TodoRepository) => repository.get('a');
export const viaAbstract = (store: Store) => store.load('b');
export const concrete = (store: Store) => store.save('c');
`;

function calleeNames(files: Record<string, string>): Record<string, string | undefined> {
  const program = programOf(files);
  const definitions = new Definitions(program.getTypeChecker(), program);
  const out: Record<string, string | undefined> = {};
  for (const node of descendants(sourceFile(program, 'use.ts'))) {
    if (!ts.isCallExpression(node)) continue;
    const fn = definitions.callee(node);
    const owner = fn?.parent;
    out[node.expression.getText()] =
      fn && owner && ts.isClassDeclaration(owner) ? `${owner.name?.text}.${fn.name?.getText()}` : undefined;
  }
  return out;
}

describe('calls through interfaces and abstract classes', () => {
  test("the one implementing class's method is the callee, through an intermediate abstract class too", () => {
    const files = {
      'repo.ts':
        repo(`export class DynamoTodoRepository implements TodoRepository { name = 'd'; async get(id: string) { return id; } }
export abstract class BaseStore extends Store {}
export class DynamoStore extends BaseStore { load(id: string) { return id; } }`),
      'use.ts': use,
    };
    expect(calleeNames(files)).toEqual({
      'repository.get': 'DynamoTodoRepository.get',
      'store.load': 'DynamoStore.load',
      'store.save': 'Store.save',
    });
  });

  test('with two implementations, neither is the callee', () => {
    const files = {
      'repo.ts':
        repo(`export class DynamoTodoRepository implements TodoRepository { name = 'd'; async get(id: string) { return id; } }
export class MemoryTodoRepository implements TodoRepository { name = 'm'; async get(id: string) { return ''; } }
export class DynamoStore extends Store { load(id: string) { return id; } }
export class MemoryStore extends Store { load(id: string) { return ''; } }`),
      'use.ts': use,
    };
    expect(calleeNames(files)).toEqual({
      'repository.get': undefined,
      'store.load': undefined,
      'store.save': 'Store.save',
    });
  });

  test('a class that only has a method of the same name, implementing nothing, is not the callee', () => {
    const files = {
      'repo.ts': repo(
        `export class Unrelated { async get(id: string) { return id; } load(id: string) { return id; } }`,
      ),
      'use.ts': use,
    };
    expect(calleeNames(files)).toEqual({
      'repository.get': undefined,
      'store.load': undefined,
      'store.save': 'Store.save',
    });
  });
});
