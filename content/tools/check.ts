// `npm run content:check`: every problem as `file:line:col message`; exits 1 when there is any.
import { analyse } from './analyse';
import { compileContent } from './compile';
import { rootArg } from './paths';
import { formatDiagnostic } from './diagnostics';

const { diagnostics } = analyse(compileContent(rootArg()));
for (const d of diagnostics) console.log(formatDiagnostic(d));
if (diagnostics.length > 0) {
  console.error(`content:check: ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}`);
  process.exitCode = 1;
} else {
  console.log('content:check: no problems');
}
