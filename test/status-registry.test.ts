import { describe, expect, it } from 'vitest';
import { classFallback, reasonPhrase, registeredStatus } from '../src/engine/status-registry.js';

// What no-unknown-status reads of the registry is pinned code by code in its own test; here,
// the state of the codes the registry singles out, and the two helpers.
describe('status registry', () => {
  it.each([
    ['404', 'registered', 'Not Found'],
    ['422', 'registered', 'Unprocessable Content'],
    ['104', 'temporary', 'Upload Resumption Supported'],
    ['305', 'obsolete', 'Use Proxy'],
    ['510', 'obsolete', 'Not Extended (OBSOLETED)'],
    ['306', 'unused', '(Unused)'],
    ['418', 'unused', '(Unused)'],
  ])('%s is %s, described as %s', (code, state, reason) => {
    expect(registeredStatus(code)).toMatchObject({ state, reason });
  });

  it.each(['299', '420', '4XX', 'default', '99', '600'])('%s is not registered', (code) => {
    expect(registeredStatus(code)).toBeUndefined();
  });

  it('reasonPhrase gives the phrase of a usable code only', () => {
    expect(reasonPhrase('404')).toBe('Not Found');
    expect(reasonPhrase('305')).toBe('Use Proxy');
    // Reserved, not a phrase a response could carry.
    expect(reasonPhrase('418')).toBeUndefined();
    expect(reasonPhrase('299')).toBeUndefined();
  });

  // RFC 9110 §15: a client treats an unrecognised code as the x00 code of its class.
  it.each([
    ['299', '200'],
    ['420', '400'],
    ['599', '500'],
    ['100', '100'],
    ['4XX', undefined],
    ['600', undefined],
    ['default', undefined],
  ])('classFallback(%s) is %s', (code, fallback) => {
    expect(classFallback(code)).toBe(fallback);
  });
});
