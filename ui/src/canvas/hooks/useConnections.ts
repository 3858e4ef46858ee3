import { useCallback, type MutableRefObject } from 'react';
import type { Connection, Edge, FinalConnectionState } from '@xyflow/react';
import { canConnect, connectEdit } from '../actions';
import type { Edit, NodeKind } from '../types';
import { useLatest } from './useLatest';

export interface Connections {
  isValidConnection: (c: Connection | Edge) => boolean;
  onConnect: (c: Connection) => void;
  onConnectEnd: (event: MouseEvent | TouchEvent, state: FinalConnectionState) => void;
}

/**
 * Drawing a transition from a state's handle to another state, as a `Connect` edit; the rules
 * of what may connect are `canConnect`'s. `reconnecting` is true while a broken transition's
 * end is dragged (its own handlers deal with that).
 */
export function useConnections(
  kinds: ReadonlyMap<string, NodeKind>,
  onEdit: (edit: Edit) => void,
  reconnecting: MutableRefObject<boolean>,
): Connections {
  const latest = useLatest({ kinds, onEdit });

  const isValidConnection = useCallback(
    (c: Connection | Edge) => canConnect(c.source, c.target, latest.current.kinds.get(c.source)),
    [latest],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const edit = connectEdit(c.source, latest.current.kinds.get(c.source), c.sourceHandle, c.target);
      if (edit !== null) latest.current.onEdit(edit);
    },
    [latest],
  );

  /** A connection released over a state's body (not its handle) connects to that state. */
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (reconnecting.current) return;
      if (state.isValid === true || state.fromNode === null || state.fromHandle?.type !== 'source') return;
      const at = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (at === undefined) return;
      const hit = document.elementFromPoint(at.clientX, at.clientY)?.closest('.react-flow__node');
      const target = hit?.getAttribute('data-id');
      const source = state.fromNode.id;
      // Releasing on the state it started from is a slip, not a loop.
      if (target === null || target === undefined || target === source) return;
      const kind = latest.current.kinds.get(source);
      if (!canConnect(source, target, kind)) return;
      const edit = connectEdit(source, kind, state.fromHandle.id, target);
      if (edit !== null) latest.current.onEdit(edit);
    },
    [reconnecting, latest],
  );

  return { isValidConnection, onConnect, onConnectEnd };
}
