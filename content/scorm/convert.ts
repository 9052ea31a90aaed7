import type { ItemKind } from '../schema/items';
import { IDENTIFIER_12_RE } from './data-model';
import { fromScormResponse, interactionType, kindOfType, toScormResponse } from './responses';
import type { ScormVersion } from './version';

// Moving one interaction's type and responses from one version's data model to the other's. An
// interaction of one of our items goes through the neutral form by its kind, so the target holds
// exactly what the player would have written there; one we cannot place (another SCO's, or a kind
// the type does not tell) keeps its text with only the delimiters and true/false words changed.

/** What is known about an interaction being converted: its recorded type, and its item's kind when the content knows it. */
export interface InteractionKind {
  type: string;
  kind: ItemKind | null;
}

const kindOf = (from: ScormVersion, i: InteractionKind): ItemKind | null => i.kind ?? kindOfType(from, i.type);

const TYPES_12 = new Set(['true-false', 'choice', 'fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric']);

/** The interaction type in the target version. */
export function convertType(from: ScormVersion, to: ScormVersion, i: InteractionKind): string {
  const kind = kindOf(from, i);
  if (kind) return interactionType(to, kind);
  if (to === 'scorm2004') return i.type;
  // 1.2 has neither long-fill-in nor other.
  return TYPES_12.has(i.type) ? i.type : i.type === 'long-fill-in' ? 'fill-in' : 'performance';
}

/** A learner response or correct pattern in the target version's encoding. */
export function convertResponse(from: ScormVersion, to: ScormVersion, i: InteractionKind, value: string): string {
  const kind = kindOf(from, i);
  if (kind) return toScormResponse(to, kind, fromScormResponse(from, kind, value));
  if (to === 'scorm12') {
    // 2004's reserved delimiters [,] [.] [:] are 1.2's plain , . :
    return i.type === 'true-false' ? (value === 'true' ? 't' : value === 'false' ? 'f' : value) : value.replace(/\[([,.:])\]/g, '$1');
  }
  if (i.type === 'true-false') return value === 't' || value === '1' ? 'true' : value === 'f' || value === '0' ? 'false' : value;
  if (i.type === 'choice' || i.type === 'sequencing') return value.split(',').join('[,]');
  if (i.type === 'matching') return value.split(',').map((pair) => pair.split('.').join('[.]')).join('[,]');
  return value;
}

/** A SCORM 1.2 CMIIdentifier from any identifier: characters it cannot hold become `_`. */
export const identifier12 = (id: string): string => (IDENTIFIER_12_RE.test(id) ? id : id.replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 255) || '_');
