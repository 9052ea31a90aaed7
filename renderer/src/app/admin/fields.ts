/**
 * Splits main's "channel: field: message; field: message" refusal into messages per field, so
 * each can sit under its own input; what names no known field stays a general message.
 */
export function fieldErrors(message: string, known: readonly string[]): { fields: Record<string, string>; general: string | null } {
  const body = message.replace(/^[a-z]+\.[a-zA-Z]+: /, '');
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const part of body.split('; ')) {
    const m = /^([a-zA-Z]+)(?:\.[\w.]+)?: (.*)$/s.exec(part);
    if (m && known.includes(m[1]!)) fields[m[1]!] = m[2]!;
    else rest.push(part);
  }
  return { fields, general: rest.length ? rest.join('; ') : null };
}
