/** `1 file`, `2 files`; `words` for irregular plurals (`entry`, `entries`). */
export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}
