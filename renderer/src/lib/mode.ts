import type { TFunction } from 'i18next';
import type { RotationView, TurnView } from '../../../shared/contract';

/**
 * What kind of turn is running, as the table screen and the dashboard name it:
 * "Plenary for everyone waiting", "Topic focus: X", "Sub-group 2 of 4", "One-to-one".
 * `rotation`: the table's rotation when the turn is one of its groups (for "n of m").
 */
export function modeLabel(t: TFunction, turn: TurnView, rotation: RotationView | null): string {
  switch (turn.mode) {
    case 'plenary':
      return t('mode.plenary');
    case 'topic_focus':
      return t('mode.topicFocus', { topic: turn.topic });
    case 'rotation': {
      const index = rotation?.groups.findIndex((g) => g.id === turn.groupId) ?? -1;
      return t('mode.rotation', { n: index + 1, of: rotation?.groups.length ?? 0 });
    }
    default:
      return t('mode.oneToOne');
  }
}
