import { definitionKey, isReferenced, refText, sharedUse, type ResponseUse } from '../src/engine/body.js';
import { defineRule, type Located, type Response, type RuleContext } from '../src/engine/define-rule.js';

// Descriptions are matched as word sequences, never substrings: the text is split into
// lower-case words (camelCase, snake_case and contractions undone), clause punctuation
// becomes a '.' word that no phrase crosses, and phrases are regular expressions over the
// words joined by single spaces. So 'invalid token' never matches 'invalid tokenization',
// while the identifier `ForbiddenException` reads as the words 'forbidden exception'.

interface Word {
  text: string;
  /** Offsets of the word in the original description, to quote it back. */
  start: number;
  end: number;
}

interface Words {
  list: Word[];
  /** `list` joined by single spaces. */
  joined: string;
  /** Index in `joined` where each word starts. */
  at: number[];
}

const CONTRACTIONS: Record<string, string[]> = { "can't": ['can', 'not'], "won't": ['will', 'not'], "cannot": ['can', 'not'] };
const SUFFIXES: Record<string, string | undefined> = { "n't": 'not', "'re": 'are', "'ve": 'have', "'ll": 'will', "'m": 'am', "'d": 'would', "'s": undefined };

const CURLY_QUOTE = /[\u2018\u2019]/g;
/**
 * A URL, or the target of a Markdown link: 'https://docs.example.com/errors#access-denied' names
 * a page, it does not describe the response.
 */
const LINK = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)\]>"']+|\]\([^)\s]*\)/gi;
const TOKEN = /[A-Za-z0-9]+(?:'[A-Za-z]+)?|[.;:!?()[\]|<>\n•]|\s[-–—*]\s|^\s*[-*]\s/g;
const ALPHANUMERIC = /[A-Za-z0-9]/;
const WORD_PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+(?:'[a-z]+)?|[0-9]+/g;

/** Splits a description into normalised words and clause breaks. */
function words(description: string): Words {
  const list: Word[] = [];
  const push = (text: string, start: number, end: number): void => {
    list.push({ text, start, end });
  };
  // (`replace` and `matchAll` leave the shared patterns' `lastIndex` alone.)
  // Blanked rather than removed, so that offsets still point into the description.
  const text = description.replace(CURLY_QUOTE, "'").replace(LINK, (link) => ' '.repeat(link.length));
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const start = match.index;
    if (!ALPHANUMERIC.test(token)) {
      if (list.at(-1)?.text !== '.') push('.', start, start + token.length);
      continue;
    }
    // `ForbiddenException`, `UnauthorizedToAccessResource`, `HTTPError` → separate words.
    for (const part of token.matchAll(WORD_PART)) {
      const partStart = start + part.index;
      const lower = part[0].toLowerCase();
      const end = partStart + part[0].length;
      const whole = CONTRACTIONS[lower];
      if (whole) {
        for (const piece of whole) push(piece, partStart, end);
        continue;
      }
      const apostrophe = lower.indexOf("'");
      if (apostrophe === -1) {
        push(lower, partStart, end);
        continue;
      }
      const suffix = lower.endsWith("n't") ? "n't" : lower.slice(apostrophe);
      const stem = lower.slice(0, lower.length - suffix.length);
      push(stem, partStart, end);
      const extra = SUFFIXES[suffix];
      if (extra) push(extra, partStart, end);
    }
  }
  const at: number[] = [];
  let offset = 0;
  for (const word of list) {
    at.push(offset);
    offset += word.text.length + 1;
  }
  return { list, joined: list.map((word) => word.text).join(' '), at };
}

/** A phrase over the joined words: it starts and ends on word boundaries. */
interface Phrase {
  /** For `matchAll`, which copies it: its own `lastIndex` stays 0. */
  all: RegExp;
  /** For `test`: without the `g` flag, so no `lastIndex` carries over from one text to the next. */
  any: RegExp;
}

// The phrases are a fixed set of long sources: compile each once, not on every description.
const phrases = new Map<string, Phrase>();

function phrase(source: string): Phrase {
  let compiled = phrases.get(source);
  if (!compiled) {
    const pattern = `(?<=^| )(?:${source})(?= |$)`;
    phrases.set(source, (compiled = { all: new RegExp(pattern, 'g'), any: new RegExp(pattern) }));
  }
  return compiled;
}

/** Words that turn the phrase after them around ("not a timeout"). */
const NEGATORS = new Set(['not', 'never', 'no', 'without']);

interface Hit {
  /** The phrase as written in the description, widened to whole identifiers. */
  quote: string;
}

/** Title-case words that do not name whose credential it is ("The Supplied API Key"). */
const PLAIN = new Set(['the', 'your', 'a', 'an', 'this', 'supplied', 'provided', 'given', 'passed', 'sent', 'specified']);

/**
 * The first occurrence of the phrase that is not negated by one of the two words before it.
 * With `ownCredential`, a phrase right after a mid-clause capitalised word is skipped: in
 * "Your Heroku API key is invalid" the key is a value in the request, not its credentials.
 */
function find(text: Words, source: string, description: string, ownCredential = false): Hit | undefined {
  for (const match of text.joined.matchAll(phrase(source).all)) {
    const first = text.at.indexOf(match.index);
    const last = text.at.indexOf(match.index + match[0].lastIndexOf(' ') + 1);
    const before = text.list.slice(Math.max(0, first - 2), first);
    const clause = before.slice(before.map((word) => word.text).lastIndexOf('.') + 1);
    if (clause.some((word) => NEGATORS.has(word.text))) continue;
    const previous = clause.at(-1);
    if (ownCredential && previous && first >= 2 && text.list[first - 2]!.text !== '.' && /^[A-Z]/.test(description.slice(previous.start)) && !PLAIN.has(previous.text)) continue;
    let from = text.list[first]!.start;
    let to = text.list[last]!.end;
    while (from > 0 && /\w/.test(description[from - 1]!)) from--;
    while (to < description.length && /\w/.test(description[to]!)) to++;
    return { quote: description.slice(from, to).replace(/\s+/g, ' ') };
  }
  return undefined;
}

function mentions(text: Words, source: string): boolean {
  return phrase(source).any.test(text.joined);
}

const any = (...sources: string[]): string => sources.map((source) => `(?:${source})`).join('|');

// --- 401 read as 403 --------------------------------------------------------------------

const PERMISSION_NOUN = 'permissions?|privileges?|rights|access|scopes?|roles?';

/** Refusal words that are also 403's reason phrase or its everyday synonym. */
const FORBIDDEN = any('forbidden', 'access (?:is |was )?denied');

/** Permission wording beyond the reason phrase. */
const LACKS_PERMISSION = any(
  '(?<!method )not (?:allowed|permitted)',
  'permission denied',
  `insufficient (?:\\w+ )?(?:${PERMISSION_NOUN}|authority)`,
  `not (?:sufficient|enough) (?:${PERMISSION_NOUN})`,
  'not sufficiently (?:authorized|authorised|permitted)',
  `(?:do|does|did) not have (?:the |any |a |an |enough |sufficient )?(?:\\w+ ){0,2}(?:${PERMISSION_NOUN})`,
  `(?:has|have) no (?:\\w+ )?(?:${PERMISSION_NOUN})`,
  `lacks? (?:the |a |an |any )?(?:\\w+ )?(?:${PERMISSION_NOUN})`,
  'no permissions?',
);

/** A refusal of an identified client: RFC 9110 §15.5.4's meaning. */
const REFUSAL = any(FORBIDDEN, LACKS_PERMISSION);

/** Any word about authenticating: a 401 that mentions one describes both failures, not the wrong one. */
const CREDENTIAL_TALK = any(
  '\\w*authenticat\\w*',
  'auth',
  'credentials?',
  // Signing in or on, however spelt: 'log in', 'logged on', 'signing in', 'sign-in', 're-login'.
  'log(?:ged|ging)? ?(?:in|on|into|onto)|login|logon',
  'sign(?:ed|ing)? ?(?:in|on|into|onto)|signin|signon',
  'sso|saml|oidc|openid',
  'passwords?',
  // Other things a client proves its identity with: a second factor, a request signature, a
  // client certificate.
  'passcodes?|pins?|otp|one time (?:password|passcode|code)s?|2 ?fa|mfa',
  'signatures?|hmac',
  'certificates?|certs?',
  'unidentified|not (?:been )?identified|identify yourself',
  '(?:verify|verified|confirm|confirmed|establish|established) (?:your |the |their |its )?identity|identity (?:could|can|was|is|has) not (?:be |been )?(?:verified|confirmed|established)',
  'anonymous(?:ly)?',
  'tokens?',
  'keys?',
  'apikeys?',
  // The field that carries the credentials (RFC 9110 §11.6.2); a bare 'authorization' is too
  // often a permission, but one that is required, missing or invalid is the header's.
  'authori[sz]ation (?:http |request )?(?:headers?|fields?)',
  'authori[sz]ation (?:is |was )?(?:required|needed|missing|invalid|expired|failed)',
  'requires? (?:\\w+ )?authori[sz]ation|(?:missing|invalid|expired|valid) authori[sz]ation',
  'authori[sz]e (?:first|yourself)|please authori[sz]e',
  'bearer',
  'jwt',
  'sessions?',
  'secrets?',
);

// --- 403 read as 401 --------------------------------------------------------------------

const FAILED = 'missing|invalid|expired|bad|wrong|incorrect|revoked|malformed|unknown|unrecognized|unrecognised|empty|no';
const CREDENTIAL_QUALIFIER = 'access|auth|authentication|authorization|authorisation|bearer|oauth|oauth2|api|session|refresh|jwt|license|licence|developer|subscription|user|client|app|application';
/**
 * Tokens that prove something other than who the client is: a CSRF token, a password-reset or
 * e-mail verification link, a captcha, a page cursor. Refusing a request for one of them is no
 * 401 (there is no challenge to answer), so they are not credentials here.
 */
const NOT_A_CREDENTIAL_TOKEN = '(?<!(?:csrf|xsrf|reset|verification|confirmation|invitation|invite|captcha|recaptcha|activation|unsubscribe|pagination|page|continuation|idempotency) )';
/**
 * A credential: a bare 'key' is too often a resource's key, so keys need a qualifier, and so do
 * secrets ('authentication secret', 'client secret'; a bare 'secret' may be what a secrets
 * manager stores).
 */
const CREDENTIAL = `${NOT_A_CREDENTIAL_TOKEN}(?:(?:${CREDENTIAL_QUALIFIER}) )*(?:tokens?|credentials?|jwt)|(?:(?:${CREDENTIAL_QUALIFIER}) )*(?:api|access|secret|license|licence|developer|subscription|auth) keys?|apikeys?|(?:(?:${CREDENTIAL_QUALIFIER}) )+secrets?`;
const NOT_VALID = 'missing|invalid|expired|incorrect|wrong|revoked|malformed|absent|empty|unknown|unrecognized|unrecognised|not valid|no longer valid|not provided|not present|not recognized|not recognised|not set|not supplied|not specified|not sent|not found';

/** Missing, invalid or expired credentials: RFC 9110 §15.5.2's meaning. */
const BAD_CREDENTIALS = any(
  'unauthenticated|non authenticated',
  'not (?:been )?authenticated(?! as)',
  'authentication (?:is |was |has )?(?:failed|failure|failures|required|needed|necessary|error|missing|invalid|wrong)',
  // 'auth' abbreviates authorization too: only its unambiguous uses.
  'auth (?:is )?(?:required|missing)',
  'failed (?:to )?authenticat\\w*|failed authentication',
  '(?:could|can) not (?:be )?authenticat\\w*',
  '(?:invalid|missing|bad|wrong|improper|incorrect) (?:authentication|auth)',
  '(?:not|never) (?:logged|signed) in|login required|log in required|must (?:be )?(?:logged|signed) in|requires? (?:a )?login',
  // 'no token' is a missing credential, but a 'no' before another of these words negates it
  // ('no bad credentials involved'): the phrase then starts after it, where find() sees the 'no'.
  `(?!no (?:${FAILED}) )(?:(?:${FAILED}) (?:(?:or|and) )?)+(?:${CREDENTIAL})`,
  `(?:${CREDENTIAL}) (?:(?:is|are|was|were|has|have|been|either|currently|provided|supplied|sent|passed|used) )*(?:(?:${NOT_VALID}) ?(?:(?:or|and) )?)+`,
  `(?:no|without (?:a |an |any )?)valid (?:${CREDENTIAL})`,
);

/** A 403 that also speaks of scopes, roles or permissions explains a refusal, however it got there. */
const PERMISSION_TALK = any(
  LACKS_PERMISSION,
  'permissions?|privileges?|scopes?|roles?|rights|authority|entitle\\w*',
  '(?:not valid|invalid) for (?:this|the|that|these|your)',
  'owners?|admins?|administrators?|administrative',
  '(?:do|does|did) not own|not (?:the |an? )?owner',
  // Membership decides access as a permission does: 'User does not belong to organization'.
  '(?:do|does|did) not belong to|not (?:a |an )?members? of',
);

// --- 5xx read as one another -----------------------------------------------------------

/**
 * 'the upstream service is unavailable' is what a gateway reports, with 502 or 504: their own
 * meaning, not 503's. A 500 has no such reading (see FIVE_XX).
 */
const NOT_UPSTREAM = '(?<!(?:upstream|backend|back end|origin|remote|external|third party|dependent|downstream) (?:\\w+ ){0,2})';
const BAD_GATEWAY = 'bad gateway';
const ANY_UNAVAILABLE = '(?:service (?:is )?(?:currently |temporarily )?unavailable|temporarily unavailable)';
const UNAVAILABLE = `${NOT_UPSTREAM}${ANY_UNAVAILABLE}`;
const GATEWAY_TIMEOUT = 'gateway time ?out|gateway timed out';

interface Reading {
  phrase: string;
  /** The status the wording belongs to, and its reason phrase. */
  status: string;
  reason: string;
  /** Wording that only counts when the description does not also name its own status's meaning. */
  weak?: boolean;
}

const BAD_GATEWAY_READING: Reading = { phrase: BAD_GATEWAY, status: '502', reason: 'Bad Gateway' };
const UNAVAILABLE_READING: Reading = { phrase: UNAVAILABLE, status: '503', reason: 'Service Unavailable' };
const GATEWAY_TIMEOUT_READING: Reading = { phrase: GATEWAY_TIMEOUT, status: '504', reason: 'Gateway Timeout' };

// A 500 is the server's own failure (RFC 9110 §15.6.1): a service down, upstream or downstream
// ('Downstream services are down'), is 502's or 503's wording, not its, so its weak readings
// take no NOT_UPSTREAM. A 500 that also names its own meaning lists causes, and is not read
// for them ('Downstream system is down. Unhandled exceptions.', 'Internal error: the upstream
// service is unavailable'); only the unqualified reason phrase counts there.
const FIVE_XX: Readonly<Record<string, Reading[]>> = {
  '500': [
    BAD_GATEWAY_READING,
    GATEWAY_TIMEOUT_READING,
    UNAVAILABLE_READING,
    { ...UNAVAILABLE_READING, phrase: ANY_UNAVAILABLE, weak: true },
    {
      phrase: `(?:service|server|system|api|platform|application)s? (?:is|are) (?:currently |presently |temporarily )?(?:unavailable|down|overloaded)|down for maintenance|under maintenance|undergoing maintenance|server overload(?:ed)?`,
      status: '503',
      reason: 'Service Unavailable',
      weak: true,
    },
  ],
  '502': [UNAVAILABLE_READING, GATEWAY_TIMEOUT_READING],
  '503': [BAD_GATEWAY_READING, GATEWAY_TIMEOUT_READING],
  '504': [BAD_GATEWAY_READING, UNAVAILABLE_READING],
};

/** A description that also names its own status's meaning lists causes rather than contradicting itself. */
const OWN: Readonly<Record<string, string>> = {
  '500': 'internal (?:server )?error|unexpected|unhandled|unknown error',
  '502': BAD_GATEWAY,
  '503': UNAVAILABLE,
  '504': GATEWAY_TIMEOUT,
};

/** Each judged status named by its code, reason phrase or meaning. */
const NAMED: Readonly<Record<string, string>> = {
  '401': '401|unauthori[sz]ed',
  '403': '403|forbidden',
  ...Object.fromEntries(Object.entries(OWN).map(([status, own]) => [status, `${status}|${own}`])),
};

/**
 * Whether the description sets its own status against `other` by number ('Unauthorized; a valid
 * token without the scope gets 403 instead'): it tells the two apart, it does not confuse them.
 */
function contrasts(text: Words, status: string, other: string): boolean {
  return mentions(text, other) && mentions(text, NAMED[status]!);
}

/** The statuses whose descriptions are read. */
const JUDGED = new Set(['401', '403', ...Object.keys(FIVE_XX)]);

/** Whether a response reads the description of the response its `$ref`s name, not one beside them. */
const readsOwnDescription = (response: Response): boolean => response.describedAt === response.node;

/**
 * Whether some use of the shared response `node` under `status` reads the definition's own
 * text (`reads`): in OpenAPI 3.1 and 3.2 a use with a `description` (or, in 3.2, a `summary`)
 * beside its `$ref` reads that one instead, so the definition's is not right for it (nor wrong:
 * it is not in force there).
 */
function readsDefinitionFor(use: ResponseUse, node: Located, status: string, reads: (other: Response) => boolean): boolean {
  if (!use.statuses.has(status)) return false;
  for (const operation of use.operations) {
    for (const other of operation.responses) {
      if (other.status === status && other.node.file === node.file && other.node.pointer === node.pointer && reads(other)) return true;
    }
  }
  return false;
}

/** What to report about a description, wherever it is used. */
interface Verdict {
  messageId: string;
  data: Record<string, string>;
}

/** Whether a description given to a response with `status` reads as another status's. */
function judge(status: string, description: string): Verdict | undefined {
  if (status === '401') {
    const text = words(description);
    if (mentions(text, CREDENTIAL_TALK)) return undefined;
    const hit = find(text, REFUSAL, description);
    return hit && !contrasts(text, '401', '403') ? { messageId: 'refusalOn401', data: { quote: hit.quote } } : undefined;
  }
  if (status === '403') {
    const text = words(description);
    // 'the token lacks the required scope' speaks of a token and is a correct 403.
    if (mentions(text, PERMISSION_TALK)) return undefined;
    const hit = find(text, BAD_CREDENTIALS, description, true);
    return hit && !contrasts(text, '403', '401') ? { messageId: 'credentialsOn403', data: { quote: hit.quote } } : undefined;
  }
  // Status keys are the spec's own strings: '__proto__' must not reach the prototype.
  if (!Object.hasOwn(FIVE_XX, status)) return undefined;
  const readings = FIVE_XX[status]!;
  const text = words(description);
  const own = mentions(text, OWN[status]!);
  for (const reading of readings) {
    // A 500 that says 'Internal Server Error: the service is unavailable' still reads as 503.
    if (own && (reading.weak || status !== '500')) continue;
    const hit = find(text, reading.phrase, description);
    if (!hit || contrasts(text, status, reading.status)) continue;
    return { messageId: 'otherServerError', data: { status, quote: hit.quote, other: reading.status, reason: reading.reason } };
  }
  return undefined;
}

/**
 * OAS 3.2 gives a response a `summary` (and makes its `description` optional). Where the one in
 * force is written: from the entry along its `$ref`s, a Reference Object's `summary` overriding
 * the one it names, as for `description`. Before 3.2 a response has no summary.
 */
function summarizedAt(context: RuleContext<object>, response: Response): Located | undefined {
  if (context.spec.version !== '3.2') return undefined;
  let current: Located | undefined = response.entry;
  for (let hop = 0; current && hop < 64; hop++) {
    const value = current.value as Record<string, unknown> | null;
    if (value !== null && typeof value === 'object' && typeof value.summary === 'string') return current;
    if (value === response.node.value) return undefined;
    current = context.spec.workspace.step(current);
  }
  return undefined;
}

export default defineRule({
  id: 'no-status-description-mismatch',
  meta: {
    description: "Disallow a response description that describes another status code's meaning",
    severity: 'warning',
    references: ['RFC 9110 §15.5.2', 'RFC 9110 §15.5.4', 'RFC 9110 §15.6.1', 'RFC 9110 §15.6.3', 'RFC 9110 §15.6.4', 'RFC 9110 §15.6.5'],
    messages: {
      refusalOn401:
        "401 response is described as a refusal to an identified client ('{{quote}}'), which is 403; 401 means the credentials are missing or invalid. Change the status to 403 or the {{field}}.",
      credentialsOn403:
        "403 response is described as missing or invalid credentials ('{{quote}}'), which is 401 with a WWW-Authenticate challenge; a 403 is for credentials, if any, that are insufficient to grant access (RFC 9110 §15.5.4). Change the status to 401 or the {{field}}.",
      otherServerError:
        "{{status}} response is described as '{{quote}}', which is {{other}} {{reason}}; use {{other}} for that condition or describe what {{status}} means here.",
      sharedMismatch:
        "This {{status}} response uses '{{ref}}', whose {{field}} ('{{quote}}') is right for the {{other}}s that also use it but not for a {{status}}; give the {{status}} a response that describes what {{status}} means, or use {{other}}.",
      namedElsewhere:
        "This {{status}} response is named through $ref elsewhere for {{other}}, whose meaning its {{field}} ('{{quote}}') describes; give those a response of their own, then describe what {{status}} means here, or use {{other}}.",
    },
    recommended: true,
  },
  defaultOptions: {},

  create(context) {
    // A spec repeats a handful of descriptions ('Unauthorized', 'Internal Server Error') on
    // hundreds of responses, and the verdict depends on nothing else: read each once.
    const verdicts = new Map<string, Map<string, Verdict | null>>();
    // Whether a shared response's own description is read under a status, by definition and
    // status: asked at each of its uses, and each answer may search all of them.
    const readFor = new Map<string, boolean>();
    return {
      Response(response) {
        if (!JUDGED.has(response.status)) return;
        if (response.description && judged(response, response.description, response.describedAt, 'description')) return;
        const summary = summarizedAt(context, response);
        if (summary) judged(response, (summary.value as { summary: string }).summary, summary, 'summary');
      },
    };

    /** Whether a response's summary in force is the one written at `at`. */
    function readsSummaryAt(at: Located): (other: Response) => boolean {
      return (other) => {
        const summary = summarizedAt(context, other);
        return summary !== undefined && summary.file === at.file && summary.pointer === at.pointer;
      };
    }

    /** Reports `text`, written at `at`, if it reads as another status's; whether it did. */
    function judged(response: Response, text: string, at: Located, field: 'description' | 'summary'): boolean {
      let byText = verdicts.get(response.status);
      if (!byText) verdicts.set(response.status, (byText = new Map()));
      let verdict = byText.get(text);
      if (verdict === undefined) byText.set(text, (verdict = judge(response.status, text) ?? null));
      if (!verdict) return false;
      // A shared response whose text is right for another status the definition serves (a
      // 'Forbidden' response used for 403s and, by mistake, for one 401) is not the mistake:
      // this use of it is, so the finding goes where this status names it.
      const use = at === response.node || at.value === response.node.value ? sharedUse(context.spec, response) : undefined;
      if (use) {
        const other = verdict.messageId === 'refusalOn401' ? '403' : verdict.messageId === 'credentialsOn403' ? '401' : verdict.data.other!;
        const key = `${definitionKey(response.node)} ${other} ${field}`;
        let reads = readFor.get(key);
        if (reads === undefined) readFor.set(key, (reads = readsDefinitionFor(use, response.node, other, field === 'description' ? readsOwnDescription : readsSummaryAt(at))));
        if (reads && !isReferenced(response)) {
          // Written inline here and named by the others' `$ref`s: this use is the definition.
          context.report({ messageId: 'namedElsewhere', at: response.entry, data: { status: response.status, quote: verdict.data.quote!, other, field } });
          return true;
        }
        if (reads) {
          context.report({ messageId: 'sharedMismatch', at: response.entry, data: { status: response.status, ref: refText(response.entry), quote: verdict.data.quote!, other, field } });
          return true;
        }
      }
      context.report({ messageId: verdict.messageId, data: { ...verdict.data, field }, at });
      return true;
    }
  },
});
