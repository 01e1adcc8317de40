import { addHeaderFix, defineRule, missingHeader, reportSharedUse, sharedWithOtherStatuses, type HeaderRequirement, type Spec } from '../src/engine/define-rule.js';

const LOCATION: HeaderRequirement = { header: 'Location', statuses: ['201', '301', '302', '303', '307', '308'] };

/** A path's shape, its template names dropped (`/a/{}/b`), so that `{id}` and `{itemId}` compare equal. */
function pathShape(path: string): string {
  return path
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => (/^\{[^{}]*\}$/.test(segment) ? '{}' : segment))
    .join('/');
}

const shapesBySpec = new WeakMap<Spec, Set<string>>();

function mayCreateAtTarget(spec: Spec, path: string): boolean {
  if (!/\}\/*$/.test(path)) return false;
  const shape = pathShape(path);
  if (!shape.endsWith('/{}')) return false;
  let shapes = shapesBySpec.get(spec);
  if (!shapes) {
    shapes = new Set(spec.operations.map((operation) => pathShape(operation.path)));
    shapesBySpec.set(spec, shapes);
  }
  return !shapes.has(`${shape}/{}`);
}

export default defineRule({
  id: 'require-location',
  meta: {
    description: 'Require a Location header on a 201 to POST and on 301, 302, 303, 307 and 308 responses',
    severity: 'warning',
    references: ['RFC 9110 §10.2.2', 'RFC 9110 §9.3.3', 'RFC 9110 §15.3.2', 'RFC 9110 §15.4'],
    messages: {
      created: "201 response declares no 'Location' header; add one with the URI of the resource that was created, or use 200 if the request created nothing.",
      redirect: "{{status}} response declares no 'Location' header; add one with the URI the client is redirected to.",
      namedElsewhere:
        "This {{status}} response is named through $ref elsewhere for {{others}}, so a 'Location' header added here would be declared there too; give those a response of their own, then add the header here.",
      sharedCreated:
        "This 201 uses '{{ref}}', which declares no 'Location' header and is also used for {{others}}; give the 201 a response of its own with a 'Location' header naming the created resource, or use 200 if the request created nothing.",
      sharedRedirect:
        "This {{status}} uses '{{ref}}', which declares no 'Location' header and is also used for {{others}}; give the {{status}} a response of its own with a 'Location' header naming the URI the client is redirected to.",
    },
    recommended: true,
    fixable: "Adds a 'Location' header (a URI reference), described as the created resource for 201 or the redirect target for 3xx.",
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response, operation) {
        // RFC 9110 §9.3.3: a POST that creates SHOULD answer 201 with a Location. For other
        // methods §15.3.2 lets the target URI name what was created (PUT and PATCH create at
        // it); a 201 shared with a POST is still reported, once, at its definition, unless that
        // definition also answers statuses a Location does not belong on.
        if (response.status === '201' && operation.method !== 'post') return;
        // Range is a request field (RFC 9110 §14.2): a 308 that declares it is the "Resume
        // Incomplete" of resumable uploads (Google's, PeerTube's), saying which bytes arrived,
        // not a Permanent Redirect (§15.4.9). A Location there would name nothing to follow.
        if (response.status === '308' && response.header('Range')) return;
        const missing = missingHeader(response, LOCATION);
        if (!missing) return;
        const created = missing.status === '201';
        // A POST to an item URI (`/baskets/{name}`) may create the resource at that very URI,
        // which is what a 201 without Location then names (§15.3.2). Only where the description
        // has items one level below it (`/flags/{projectKey}/{flagKey}`) does the POST evidently
        // create a new member elsewhere, the case a missing Location leaves clients guessing.
        if (created && mayCreateAtTarget(context.spec, operation.path)) return;
        // A Location added to a definition that is also, say, a GET's 200 would be declared there too.
        const shared = sharedWithOtherStatuses(context.spec, response, LOCATION);
        if (shared) {
          reportSharedUse(context, response, shared, created ? 'sharedCreated' : 'sharedRedirect');
          return;
        }
        const fix = addHeaderFix(context.spec, response, 'Location', {
          description: created ? 'The URI of the created resource (RFC 9110 §10.2.2).' : 'The URI to follow (RFC 9110 §10.2.2).',
          schema: { type: 'string', format: 'uri-reference' },
        });
        context.report({ messageId: created ? 'created' : 'redirect', at: missing.response, data: { status: missing.status }, fix });
      },
    };
  },
});
