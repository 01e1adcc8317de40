import type { Spec } from '../loader/normalize.js';

/**
 * Whether keywords written beside a schema's `$ref` apply with what it names, as JSON Schema
 * 2020-12 says (OAS 3.1 on): `{$ref: Base, properties: {password}}` takes a password. Before
 * 3.1 a Reference Object's siblings are ignored.
 */
export function schemaRefSiblingsApply(spec: Spec): boolean {
  return spec.version === '3.1' || spec.version === '3.2';
}
