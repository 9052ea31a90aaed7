import path from 'node:path';

// The first import of every command that opens a data folder. The records live in node:sqlite,
// which an older Node (before 22.13, or 22.5 with a flag) does not have: without this check such a
// Node stops with a stack trace from deep inside the storage code instead of saying what to do.
// Found by asking for the module, not by the version number, so a Node without it for any reason
// gets the same one line.
if (process.getBuiltinModule?.('node:sqlite') === undefined) {
  const command = path.basename(process.argv[1] ?? 'the command', '.ts');
  process.stderr.write(
    `npm run ${command}: needs Node 22.13 or newer (it keeps the records with node:sqlite); this is Node ${process.version} (${process.execPath}). ` +
      `Run it as "npm run ${command} -- …", which uses the project's own Node 24 (node_modules/.bin/node).\n`,
  );
  process.exit(1);
}
