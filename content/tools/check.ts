// `npm run content:check`: every problem as `file:line:col message`; exits 1 when there is any.
import { analyse } from './analyse';
import { compileContent } from './compile';
import { editorSchemaProblems } from './editor-schemas';
import { contentRoot, rootArg } from './paths';
import { formatDiagnostic } from './diagnostics';

const root = rootArg();
// The editor schemas and their modelines belong to content/ itself (a fixture root has none).
const diagnostics = [...analyse(compileContent(root)).diagnostics, ...(root === contentRoot() ? editorSchemaProblems(root) : [])];
for (const d of diagnostics) console.log(formatDiagnostic(d));
if (diagnostics.length > 0) {
  console.error(`content:check: ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}`);
  process.exitCode = 1;
} else {
  console.log('content:check: no problems');
}
