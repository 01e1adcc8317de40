import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

/**
 * The `yaml` package, loaded on first use: it costs about 40 ms of start-up, and most runs
 * (JSON specs, YAML the fast reader handles, no config file, no --fix) never need it.
 */
export function yaml(): YamlModule {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule);
}
