import { hasRecordsTables, withReadOnlyStore, type ReadableDb } from '@services/storage';

/** Every attempt id on record, oldest first, one row at a time. */
export function* attemptIds(db: ReadableDb): Generator<string> {
  if (!hasRecordsTables(db)) return;
  for (const row of db.prepare('SELECT id FROM attempts ORDER BY started_at, id').iterate()) yield String((row as { id: string }).id);
}

/** `records list`: never changes the records, and holds the data folder's lock while it reads. */
export function listAttemptIds(dataDir: string, out: (id: string) => void): number {
  return withReadOnlyStore(dataDir, 'records list', (db) => {
    let n = 0;
    for (const id of attemptIds(db)) {
      out(id);
      n++;
    }
    return n;
  });
}
