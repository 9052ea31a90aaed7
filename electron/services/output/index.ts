// Files the app writes for people (exports, records files, certificates): never inside a data
// folder, never through a link, written to a .partial file and moved in only once complete.
export { FileSink, writeExportFile } from './sink';
export { exportTarget, exportFolder, recheckTarget, refuseRecordsFolder, PARTIAL_FLAGS, type ExportTarget } from './target';
