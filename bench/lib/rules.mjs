// The built statuslint's rules, and the arguments that switch them off.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** Every rule id of the build in dist/ (after `npm run build`), so the runs follow the rules as they are. */
export async function ruleIds() {
  const { allRules } = await import(join(root, 'dist', 'src', 'lint.js'));
  return Object.keys(allRules);
}

/** statuslint's arguments that switch the rules `ids` off. */
export function rulesOff(ids) {
  return ids.flatMap((id) => ['--rule', `${id}=off`]);
}
