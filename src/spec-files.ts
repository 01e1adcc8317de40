// What a folder given as input is searched for, shared by the input expansion (inputs.ts) and
// the early guess of how many specs a command line names (early-worker.ts).

/** What a folder holds that may be an OpenAPI document or a fragment of one. */
export const SPEC_EXTENSION = /\.(ya?ml|json)$/i;

/** Folders never walked into: dependencies and tool state (`.git`, `.venv`, …). */
export function skippedFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}
