import rule from '../rules/require-error-responses.js';
import { testRule, withResponses } from './rule-tester.js';

// isCorsPreflight reads a status key as the engine does everywhere (isSuccessStatus): a key
// that is no status does not make an OPTIONS the answer to a preflight.
const preflight = (status: string) => ({
  [status]: { description: 'preflight', headers: { 'Access-Control-Allow-Methods': { schema: { type: 'string' } } } },
});
const options = '/paths/~1items/options';

testRule(rule, {
  valid: [
    { name: 'a 204 preflight answer', spec: withResponses('3.1', preflight('204'), { method: 'options' }) },
    { name: "a '2XX' range preflight answer", spec: withResponses('3.1', preflight('2XX'), { method: 'options' }) },
    { name: "a lower-case '2xx' range still means any 2xx", spec: withResponses('3.1', preflight('2xx'), { method: 'options' }) },
  ],
  invalid: [
    { name: "'2ab' is no status", spec: withResponses('3.1', preflight('2ab'), { method: 'options' }), errors: [{ messageId: 'missing', at: options }] },
    { name: "'2000' is no status", spec: withResponses('3.1', preflight('2000'), { method: 'options' }), errors: [{ messageId: 'missing', at: options }] },
    { name: "'2' is no status", spec: withResponses('3.1', preflight('2'), { method: 'options' }), errors: [{ messageId: 'missing', at: options }] },
  ],
});
