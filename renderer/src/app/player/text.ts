/**
 * Authored bodies are YAML block text: blank lines separate paragraphs. Pupil lessons are written
 * a sentence to a line for young readers, and those lines are kept (`keepLines`); staff text is
 * wrapped by the author's editor, so its lines run together.
 */
export function paragraphs(text: string | undefined, keepLines = false): string[][] {
  return (text ?? '')
    .split(/\n\s*\n/)
    .map((p) =>
      keepLines
        ? p
            .split('\n')
            .map((line) => line.replace(/\s+/g, ' ').trim())
            .filter((line) => line !== '')
        : [p.replace(/\s+/g, ' ').trim()].filter((line) => line !== ''),
    )
    .filter((p) => p.length > 0);
}
