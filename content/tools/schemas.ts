// `npm run content:schemas`: writes content/json-schema/*.schema.json from the zod schemas and puts
// the `# yaml-language-server: $schema=…` line on the first line of every content YAML file.
import { writeEditorSchemas } from './editor-schemas';
import { rootArg } from './paths';

const changed = writeEditorSchemas(rootArg());
for (const file of changed) console.log(`wrote ${file}`);
console.log(`content:schemas: ${changed.length === 0 ? 'everything was up to date' : `${changed.length} file${changed.length === 1 ? '' : 's'} written`}`);
