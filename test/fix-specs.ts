// Specs that more than one test of --fix starts from.

/** GET /b's 4XX names GET /a's 4xx by `$ref`: renaming 4xx to 4XX (no-unknown-status's fix) would break it. */
export const renameRef = [
  'openapi: 3.0.3',
  "info: {title: t, version: '1'}",
  'paths:',
  '  /a:',
  '    get:',
  '      responses:',
  "        '200': {description: OK}",
  '        4xx: {description: client error}',
  '  /b:',
  '    get:',
  '      responses:',
  "        '200': {description: OK}",
  "        4XX: {$ref: '#/paths/~1a/get/responses/4xx'}",
  '',
].join('\n');
