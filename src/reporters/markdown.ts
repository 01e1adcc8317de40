// Just enough Markdown handling to turn a rule's doc page (rules/<id>.md) into SARIF rule
// help: the page without its title, links made absolute (the help is read on GitHub, far
// from the page), and a plain-text rendering for `help.text`.

const FENCE = /^\s*(```|~~~)/;
const LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;

/** Lines outside fenced code blocks go through `outside`; fenced lines are kept or passed to `inside`. */
function mapLines(markdown: string, outside: (line: string) => string, inside: (line: string, fence: boolean) => string | undefined = (line) => line): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) {
      fenced = !fenced;
      const kept = inside(line, true);
      if (kept !== undefined) out.push(kept);
    } else if (fenced) {
      const kept = inside(line, false);
      if (kept !== undefined) out.push(kept);
    } else {
      out.push(outside(line));
    }
  }
  return out.join('\n');
}

/** The page without its `# title` line (the rule id, shown by the viewer already). */
export function withoutTitle(markdown: string): string {
  return markdown.replace(/\r\n/g, '\n').replace(/^# [^\n]*\n+/, '').trimEnd() + '\n';
}

/** Relative link targets resolved against `base`, the page's published URL. */
export function absoluteLinks(markdown: string, base: string): string {
  return mapLines(markdown, (line) =>
    line.replace(LINK, (whole, text: string, target: string) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
      try {
        return `[${text}](${new URL(target, base).href})`;
      } catch {
        return whole;
      }
    }),
  );
}

function inlineToText(line: string): string {
  return line
    .replace(LINK, (_, text: string, target: string) => (text === target || text === '' ? target : `${text} (${target})`))
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1');
}

/** A plain-text rendering: headings and fences dropped to their text, code indented. */
export function markdownToText(markdown: string): string {
  const text = mapLines(
    markdown,
    (line) => inlineToText(line.replace(/^#{1,6}\s+/, '')),
    (line, fence) => (fence ? undefined : line === '' ? '' : `    ${line}`),
  );
  return text.replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/** The first paragraph after the title (the page's one-line summary), as plain text. */
export function summary(markdown: string): string | undefined {
  return paragraphAfter(withoutTitle(markdown).split('\n'), 0);
}

/** The first paragraph of the section `## heading`, as plain text. */
export function sectionParagraph(markdown: string, heading: string): string | undefined {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const at = lines.findIndex((line) => line.trim() === `## ${heading}`);
  return at === -1 ? undefined : paragraphAfter(lines, at + 1);
}

function paragraphAfter(lines: string[], from: number): string | undefined {
  let start = from;
  while (start < lines.length && lines[start]!.trim() === '') start++;
  const paragraph: string[] = [];
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '' || /^(#|```|~~~|\||- |\* )/.test(line.trim())) break;
    paragraph.push(line.trim());
  }
  return paragraph.length > 0 ? inlineToText(paragraph.join(' ')) : undefined;
}
