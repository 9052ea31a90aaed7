// `npm run content:clauses`: list every clause id with its audiences, so authors can cite them.
// `-- --json` prints [{ id, section, audiences, paraphrase }].
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ClauseRegistry } from '../schema/index';
import { contentRoot } from './paths';

const reg = ClauseRegistry.parse(parse(readFileSync(join(contentRoot(), 'policy', 'clauses.yaml'), 'utf8')));
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(reg.clauses.map(({ id, section, audiences, paraphrase }) => ({ id, section, audiences, paraphrase })), null, 2));
} else {
  const width = Math.max(...reg.clauses.map((c) => c.id.length));
  for (const c of reg.clauses) console.log(`${c.id.padEnd(width)}  ${c.audiences.join(',')}`);
}
