// The part of js-yaml 4's API the engine uses (the package ships no type declarations).
declare module 'js-yaml' {
  /** A tag's constructor: `!Ref X` → what `construct` makes of `X`. */
  export interface Type {
    readonly tag: string;
  }
  export const Type: new (
    tag: string,
    options: { kind: 'scalar' | 'sequence' | 'mapping'; construct?: (data: unknown) => unknown },
  ) => Type;
  export interface Schema {
    extend(types: Type[]): Schema;
  }
  /** YAML 1.2's core schema: no dates, so `AWSTemplateFormatVersion: 2010-09-09` stays text. */
  export const CORE_SCHEMA: Schema;
  export function load(text: string, options?: { schema?: Schema; filename?: string }): unknown;
}
