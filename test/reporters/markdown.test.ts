// A rule's doc page (rules/<id>.md) as SARIF rule help: the page without its title, links made
// absolute, a plain-text rendering, and the summary and Why paragraphs for the descriptions.
import { describe, expect, it } from 'vitest';
import { absoluteLinks, markdownToText, sectionParagraph, summary, withoutTitle } from '../../src/reporters/markdown.js';

const PAGE = 'https://github.com/statuslint/statuslint/blob/main/rules/require-allow.md';

describe('markdown: withoutTitle', () => {
  it.each([
    ['# require-allow\n\nRequire an Allow header.\n', 'Require an Allow header.\n'],
    // Written on Windows: CRLF line ends.
    ['# require-allow\r\n\r\nRequire an Allow header.\r\n\r\n## Why\r\n', 'Require an Allow header.\n\n## Why\n'],
    // Trailing blank lines become one newline; a page with no title keeps its first line.
    ['Require an Allow header.\n\n\n', 'Require an Allow header.\n'],
    // Only a level-one heading is the title.
    ['## Why\n\nBecause.\n', '## Why\n\nBecause.\n'],
  ])('%j -> %j', (page, help) => {
    expect(withoutTitle(page)).toBe(help);
  });
});

describe('markdown: absoluteLinks', () => {
  it.each([
    ['see [require-retry-after](require-retry-after.md).', 'see [require-retry-after](https://github.com/statuslint/statuslint/blob/main/rules/require-retry-after.md).'],
    ['[configuration](../docs/configuration.md#rules)', '[configuration](https://github.com/statuslint/statuslint/blob/main/docs/configuration.md#rules)'],
    // Absolute targets, with any scheme, stay as written.
    ['[RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2)', '[RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2)'],
    ['[mail](mailto:api@example.com) and [Spec](HTTP://example.com/x)', '[mail](mailto:api@example.com) and [Spec](HTTP://example.com/x)'],
    // Two links on one line are both resolved.
    ['[a](a.md), [b](b.md)', '[a](https://github.com/statuslint/statuslint/blob/main/rules/a.md), [b](https://github.com/statuslint/statuslint/blob/main/rules/b.md)'],
  ])('%j', (line, resolved) => {
    expect(absoluteLinks(line, PAGE)).toBe(resolved);
  });

  it('leaves a link in a fenced example as it is: it is code, not a link', () => {
    const markdown = 'See [a](a.md).\n\n```markdown\n[a](a.md)\n```\n\n~~~\n[b](b.md)\n~~~\n[c](c.md)';
    expect(absoluteLinks(markdown, PAGE).split('\n')).toEqual([
      'See [a](https://github.com/statuslint/statuslint/blob/main/rules/a.md).',
      '',
      '```markdown',
      '[a](a.md)',
      '```',
      '',
      '~~~',
      '[b](b.md)',
      '~~~',
      '[c](https://github.com/statuslint/statuslint/blob/main/rules/c.md)',
    ]);
  });

  it('leaves a target that no URL can be made of as it is', () => {
    expect(absoluteLinks('[x](a.md)', 'not a url')).toBe('[x](a.md)');
  });
});

describe('markdown: markdownToText', () => {
  it('drops heading marks and fences, indents code, and writes links as text and target', () => {
    const markdown = [
      'Require an `Allow` header on every **405** response.',
      '',
      '## Why',
      '',
      'A 405 must list the methods ([RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6)): see <https://example.com>, [https://example.com/x](https://example.com/x), [](https://example.com/y).',
      '',
      '',
      '',
      '### Bad',
      '',
      '```yaml',
      "'405':",
      '',
      '  description: Method Not Allowed',
      '```',
      '',
    ].join('\n');
    expect(markdownToText(markdown)).toBe(
      [
        'Require an Allow header on every 405 response.',
        '',
        'Why',
        '',
        'A 405 must list the methods (RFC 9110 (https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6)): see <https://example.com>, https://example.com/x, https://example.com/y.',
        '',
        'Bad',
        '',
        "    '405':",
        '',
        '      description: Method Not Allowed',
        '',
      ].join('\n'),
    );
  });

  it('drops a fence line without a blank line in its place, and every mark of a heading', () => {
    expect(markdownToText('Bad:\n```yaml\nx: 1\n```\nGood.\n\n##  Options\n')).toBe('Bad:\n    x: 1\nGood.\n\nOptions\n');
  });

  it('keeps a # inside a line: only a line that starts with one is a heading', () => {
    expect(markdownToText('Generators such as the C# client read it.\n')).toBe('Generators such as the C# client read it.\n');
  });

  it('keeps a # that is not a heading, and code that looks like Markdown', () => {
    expect(markdownToText('#405 is not a heading\n\n```\n# a comment\n**not bold**\n```\n')).toBe('#405 is not a heading\n\n    # a comment\n    **not bold**\n');
  });
});

describe('markdown: summary and sectionParagraph', () => {
  const page = [
    '# require-allow',
    '',
    '',
    'Require an `Allow` header',
    'on every `405` response.',
    '',
    'Severity: `error`',
    '',
    '## Why',
    '',
    'A 405 must list the [methods](https://www.rfc-editor.org/rfc/rfc9110#section-10.2.1)',
    'the resource supports.',
    '- a list ends the paragraph',
    '',
    '## Bad',
    '```yaml',
    "'405': {}",
    '```',
    '',
    '## Options',
    '',
    '| Option | Type |',
    '',
    '## Empty',
    '',
  ].join('\n');

  it('reads the first paragraph after the title as one line of plain text', () => {
    expect(summary(page)).toBe('Require an Allow header on every 405 response.');
    expect(summary(page.replace(/\n/g, '\r\n'))).toBe('Require an Allow header on every 405 response.');
  });

  it("reads a section's first paragraph, up to a list, a fence, a table or a heading", () => {
    expect(sectionParagraph(page, 'Why')).toBe('A 405 must list the methods (https://www.rfc-editor.org/rfc/rfc9110#section-10.2.1) the resource supports.');
    expect(sectionParagraph(page.replace(/\n/g, '\r\n'), 'Why')).toBe('A 405 must list the methods (https://www.rfc-editor.org/rfc/rfc9110#section-10.2.1) the resource supports.');
  });

  it.each(['Bad', 'Options', 'Empty', 'References', 'Allow'])('none for a section that opens with no paragraph, or is not there: %s', (heading) => {
    expect(sectionParagraph(page, heading)).toBeUndefined();
  });

  it('reads a section of the page without its title, as the SARIF help holds it; none when it is not there', () => {
    const help = withoutTitle(page);
    expect(sectionParagraph(help, 'Why')).toBe('A 405 must list the methods (https://www.rfc-editor.org/rfc/rfc9110#section-10.2.1) the resource supports.');
    expect(sectionParagraph(help, 'References')).toBeUndefined();
  });

  it('reads paragraphs whatever spaces their lines carry: a line of spaces is blank, an indented list item still ends one', () => {
    const spaced = ['Require an Allow header.', '', '## Why   ', '   ', '  A 405 must list', '   the methods.', '  - then a list', '', '## Bad', '', '  A line', '    ', 'and another paragraph.'].join('\n');
    expect(sectionParagraph(spaced, 'Why')).toBe('A 405 must list the methods.');
    expect(sectionParagraph(spaced, 'Bad')).toBe('A line');
  });

  it('none for a page that is all title', () => {
    expect(summary('# require-allow\n')).toBeUndefined();
    expect(summary('# require-allow\n\n## Why\n\nBecause.\n')).toBeUndefined();
    expect(summary('# require-allow\n\n* a list first\n')).toBeUndefined();
  });
});
