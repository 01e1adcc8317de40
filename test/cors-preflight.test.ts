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
    // Shopware's OPTIONS /_mcp says it in words only, in its answer's description.
    { name: 'an answer described as a CORS preflight', spec: withResponses('3.1', { 204: { description: 'CORS preflight accepted.' } }, { method: 'options' }) },
  ],
  invalid: [
    { name: "'2ab' is no status", spec: withResponses('3.1', preflight('2ab'), { method: 'options' }), errors: [{ messageId: 'missing', at: options }] },
    { name: "'2000' is no status", spec: withResponses('3.1', preflight('2000'), { method: 'options' }), errors: [{ messageId: 'missing', at: options }] },
    { name: "'2' is no status", spec: withResponses('3.1', preflight('2'), { method: 'options' }), errors: [{ messageId: 'missing', at: options }] },
    // Words that name no preflight, or CORS without one, leave the OPTIONS an ordinary operation.
    { name: 'an OPTIONS summarised as something else', spec: withResponses('3.1', { 200: { description: 'OK' } }, { method: 'options', operation: { summary: 'Describe the communication options' } }), errors: [{ messageId: 'missing', at: options }] },
    { name: 'an OPTIONS that mentions CORS but no preflight', spec: withResponses('3.1', { 200: { description: 'OK' } }, { method: 'options', operation: { description: 'Lists the CORS origins configured for this account.' } }), errors: [{ messageId: 'missing', at: options }] },
    // 'preflight' alone may be a deployment's checks.
    { name: 'an answer described as a preflight, with no word of CORS', spec: withResponses('3.1', { 204: { description: 'Preflight checks passed.' } }, { method: 'options' }), errors: [{ messageId: 'missing', at: options }] },
  ],
});
