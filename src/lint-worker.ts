// One worker thread of `lintParallel`: lints the specs it is sent, one at a time, and answers
// with located findings, so that the main thread only merges.
import { parentPort, workerData } from 'node:worker_threads';
import { displayPath, LoadError } from './errors.js';
import { locateFindings, runRules } from './engine/run.js';
import type { EnabledRule } from './engine/types.js';
import { allRules, type Notice, type WorkerReply, type WorkerSetup } from './lint.js';
import { detectVersion, normalize } from './loader/normalize.js';
import { Workspace } from './loader/resolve.js';

const setup = workerData as WorkerSetup;
const enabled: EnabledRule[] = setup.rules.map(({ id, severity, options }) => ({ rule: allRules[id]!, severity, options }));
const workspace = new Workspace({ maxFileBytes: setup.maxFileBytes });
let noticesSent = 0;

parentPort!.on('message', (message: { index: number; path: string } | null) => {
  if (message === null) {
    parentPort!.close();
    return;
  }
  const reply: WorkerReply = { index: message.index, findings: [], notices: [] };
  // The same steps as `lint()`, for one spec.
  try {
    const file = workspace.load(message.path);
    detectVersion(file);
    workspace.checkReferences(file);
    reply.findings = locateFindings(runRules(normalize(workspace, file), enabled), setup.cwd);
    reply.file = displayPath(file.path, setup.cwd);
  } catch (error) {
    if (!(error instanceof LoadError)) throw error;
    reply.failure = { file: error.file, detail: error.detail, position: error.position };
  }
  for (; noticesSent < workspace.notices.length; noticesSent++) {
    const notice = workspace.notices[noticesSent]!;
    const region = notice.file.locate([notice.pointer]).get(notice.pointer);
    const located: Notice = { file: displayPath(notice.file.path, setup.cwd), line: region?.line, column: region?.column, message: notice.message };
    reply.notices.push(located);
  }
  parentPort!.postMessage(reply);
});
