import { dialog, type BrowserWindow } from 'electron';
import type { Services } from '../host/services';

/**
 * The records-file import's link to the shell: main's own open dialog, so the window never names
 * a path nor hands over a file's bytes (recordsFile.import takes no uploads in the app).
 */
export function wireRecordsFileDialog(services: Services, win: BrowserWindow): void {
  services.recordsFile.chooseFiles = async () => {
    const r = await dialog.showOpenDialog(win, {
      title: 'Import Trust records files from other PCs',
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Trust records file', extensions: ['records'] }, { name: 'All files', extensions: ['*'] }],
    });
    return r.canceled ? null : r.filePaths;
  };
}
