import { mediaTypeEssence } from '../src/engine/body.js';
import { addHeaderFix, defineRule, missingHeader, someParameter, reportSharedUse, sharedWithOtherStatuses, type HeaderRequirement, type Operation, type Response, type RuleContext, type Spec } from '../src/engine/define-rule.js';

const CONTENT_RANGE: HeaderRequirement = { header: 'Content-Range', statuses: ['206', '416'] };

/**
 * RFC 9110 §14.2: GET is the only method for which range handling is defined; HEAD is taken
 * with it, its response SHOULD carry the header fields GET's would (§9.3.2).
 */
const RANGE_METHODS: ReadonlySet<string> = new Set(['get', 'head']);

/**
 * The other methods whose definition is known here (RFC 9110 §9.3, RFC 5789): none defines
 * range handling, so a server MUST ignore Range on them (§14.2). An extension method (OAS 3.2
 * `query`, `additionalOperations`) is left alone: its range handling is its own
 * specification's to define.
 */
const RANGELESS_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'delete', 'patch', 'options', 'trace']);

/** `multipart/byteranges`, with or without parameters. */
function isByteranges(type: string): boolean {
  return mediaTypeEssence(type) === 'multipart/byteranges';
}

/**
 * Swagger 2.0: the media types the operation produces (its own `produces`, else the
 * document's), whether or not the response writes a `schema`: a 206 always has content, and
 * a 2.0 description often leaves the schema of a download out.
 */
function producedTypes(spec: Spec, operation: Operation): string[] {
  const owner = Object.hasOwn(operation.node.value, 'produces') ? operation.node.value : spec.root.value;
  const produces = owner.produces;
  return Array.isArray(produces) ? produces.filter((type): type is string => typeof type === 'string') : [];
}

/** A 206 that may be sent as several parts: each part then carries its own Content-Range. */
function mayBeMultipart(spec: Spec, response: Response, operation: Operation): boolean {
  const types = spec.version === '2.0' ? producedTypes(spec, operation) : response.content.map((media) => media.type);
  return types.some(isByteranges);
}

/**
 * Media types whose representation is a sequence of bytes a client fetches in pieces: downloads,
 * media streams, documents. RFC 9110 §14 lets any representation be ranged, but a description
 * shows it does so through these (or through a `Range` parameter); a JSON list answered with
 * 206 "Partial Result" is pagination, not a byte range.
 */
function isByteOriented(type: string): boolean {
  const essence = mediaTypeEssence(type);
  return (
    essence === 'application/octet-stream' ||
    essence === 'application/pdf' ||
    essence === 'multipart/byteranges' ||
    essence.startsWith('video/') ||
    essence.startsWith('audio/') ||
    essence.startsWith('image/')
  );
}

/** Whether the operation, or its path item, declares a `Range` header parameter (any case, through `$ref`). */
function declaresRange(context: RuleContext<object>, operation: Operation): boolean {
  return someParameter(context, operation, ({ value }) => value.in === 'header' && typeof value.name === 'string' && value.name.toLowerCase() === 'range');
}

/**
 * Whether the operation shows that it serves byte ranges, so that the fix's `bytes …` example
 * fits: it takes a `Range` header, or the response (for a 416, the operation's 206 as well)
 * offers a byte-oriented media type (in Swagger 2.0, the operation's `produces`).
 */
function servesByteRanges(context: RuleContext<object>, response: Response, operation: Operation): boolean {
  if (declaresRange(context, operation)) return true;
  const spec = context.spec;
  if (spec.version === '2.0') return producedTypes(spec, operation).some(isByteOriented);
  const partial = response.status === '206' ? undefined : operation.response('206');
  return [response, partial].some((candidate) => candidate?.content.some((media) => isByteOriented(media.type)) ?? false);
}

export default defineRule({
  id: 'require-content-range',
  meta: {
    description: 'Require a Content-Range header on 206 (unless multipart/byteranges) and 416 responses',
    severity: 'warning',
    references: ['RFC 9110 §15.3.7', 'RFC 9110 §15.5.17', 'RFC 9110 §14.4', 'RFC 9110 §14.2'],
    messages: {
      partial: "206 response declares no 'Content-Range' header; add one saying which range the content is (e.g. 'bytes 0-499/1234'), describe the content as 'multipart/byteranges', or use 200 if this does not answer a Range request.",
      unsatisfiable:
        "416 response declares no 'Content-Range' header; to a byte-range request, add one giving the current length ('bytes */1234'); if this answers no Range request (a page past the last, say), use another status.",
      partialNotRanged:
        "206 answers a range request, and a server ignores Range on {{verb}} (only GET has range handling); use 200, or 204 if there is no content.",
      namedElsewhere:
        "This {{status}} response is named through $ref elsewhere for {{others}}, so a 'Content-Range' header added here would be declared there too; give those a response of their own, then add the header here.",
      sharedPartial:
        "This 206 uses '{{ref}}', which declares no 'Content-Range' header and is also used for {{others}}; give the 206 a response of its own with a 'Content-Range' header saying which range the content is, or describe its content as 'multipart/byteranges'.",
      sharedUnsatisfiable:
        "This 416 uses '{{ref}}', which declares no 'Content-Range' header and is also used for {{others}}; give the 416 a response of its own with a 'Content-Range' header giving the current length (for a byte range, 'bytes */1234').",
    },
    recommended: true,
    fixable:
      "Adds a 'Content-Range' string header, described, with an example ('bytes 0-499/1234' on 206, 'bytes */1234' on 416), where the operation shows it serves byte ranges: a 'Range' header parameter, or a byte-oriented body (octet-stream, PDF, image, audio, video).",
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response, operation) {
        const status = response.status;
        if (status !== '206' && status !== '416') return;
        if (!RANGE_METHODS.has(operation.method)) {
          // RFC 9110 §14.2: a server MUST ignore Range on a method without range handling,
          // so neither status answers a range request there and Content-Range is asked of
          // neither. A 206 (§15.3.7: "successfully fulfilling a range request") is then
          // simply the wrong status. A 416 is left alone: upload sessions send it for a
          // chunk whose request Content-Range does not fit, a use close to its meaning.
          if (status === '206' && RANGELESS_METHODS.has(operation.method)) {
            context.report({ messageId: 'partialNotRanged', at: response.entry, data: { verb: operation.method.toUpperCase() } });
          }
          return;
        }
        // RFC 9110 §15.3.7.2: a multipart 206 MUST NOT have Content-Range in its header
        // section; §15.3.7.1: a single-part one MUST. A 206 that offers multipart/byteranges
        // may be either, so it is not checked.
        if (status === '206' && mayBeMultipart(context.spec, response, operation)) return;
        const missing = missingHeader(response, CONTENT_RANGE);
        if (!missing) return;
        // RFC 9110 §15.5.17: a 416 to a byte-range request SHOULD carry Content-Range.
        const partial = missing.status === '206';
        // §14.4: Content-Range means something on 206 and 416 only; added to a definition that
        // is also, say, a 200 it would be declared there too.
        const shared = sharedWithOtherStatuses(context.spec, response, CONTENT_RANGE);
        if (shared) {
          reportSharedUse(context, response, shared, partial ? 'sharedPartial' : 'sharedUnsatisfiable');
          return;
        }
        // The fix writes a byte-range example; where nothing shows the operation serves byte
        // ranges (a 206 "Partial Result" page of a list, a 416 "filter required"), the finding
        // stands, but whether the header or the status is wrong is for a person to say.
        const fix = !servesByteRanges(context, response, operation) ? undefined : addHeaderFix(context.spec, response, 'Content-Range', {
          description: partial
            ? 'The range enclosed and the complete length, e.g. bytes 0-499/1234 (RFC 9110 §14.4).'
            : 'The current length of the representation, e.g. bytes */1234 (RFC 9110 §14.4).',
          schema: { type: 'string' },
          example: partial ? 'bytes 0-499/1234' : 'bytes */1234',
        });
        context.report({ messageId: partial ? 'partial' : 'unsatisfiable', at: missing.response, fix });
      },
    };
  },
});
