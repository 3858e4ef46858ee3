/** The edge component: the polyline Rust routed, with rounded corners, arrowhead and label. */
import { getSmoothStepPath, useStore, type EdgeProps, type EdgeTypes, type ReactFlowState } from '@xyflow/react';
import { createContext, memo, useCallback, useContext, type ReactElement } from 'react';
import type { Label } from '../bindings/Label';
import type { FlowEdge, RoutedEdgeData } from './convert';
import { useEdgeDropHighlight } from './dnd';
import { roundedPath, translatePoints } from './geometry';
import type { Point } from './types';

/** Prefix of the `<marker>` ids of one canvas (so two canvases do not share them). */
export const MarkerPrefix = createContext('sw');

/** Arrowhead variants; each is a `<marker id="{prefix}-arrow-{variant}">`. */
export const ARROW_VARIANTS = ['normal', 'catch', 'back', 'selected', 'drop', 'taken', 'active'] as const;
export type ArrowVariant = (typeof ARROW_VARIANTS)[number];

/**
 * Where the edge's nodes are relative to where the layout put them: `"dx,dy"` when both
 * moved by the same amount (or not at all: `"0,0"`), so the route is translated; `"free"` when
 * they moved apart (the user dragged one), so the edge is re-drawn between the handles.
 */
export function offsetKey(
  source: Point | undefined,
  target: Point | undefined,
  data: Pick<RoutedEdgeData, 'sourceAt' | 'targetAt'>,
): string {
  if (source === undefined || target === undefined) return '0,0';
  const dsx = source.x - data.sourceAt.x;
  const dsy = source.y - data.sourceAt.y;
  const dtx = target.x - data.targetAt.x;
  const dty = target.y - data.targetAt.y;
  if (Math.abs(dsx - dtx) > 0.5 || Math.abs(dsy - dty) > 0.5) return 'free';
  return `${Math.round(dsx * 2) / 2},${Math.round(dsy * 2) / 2}`;
}

function parseOffset(key: string): Point {
  const [x, y] = key.split(',');
  return { x: Number(x), y: Number(y) };
}

function edgeClass(data: RoutedEdgeData, selected: boolean, drop: boolean): string {
  let c = `sw-edge sw-edge--${data.kind}`;
  if (data.backEdge) c += ' is-back';
  if (data.broken !== null) c += ' is-broken';
  if (selected) c += ' is-selected';
  if (drop) c += ' is-drop-target';
  if (data.run === 'taken') c += ' is-taken';
  else if (data.run === 'active') c += ' is-taken is-active';
  if (data.coverage === 'untaken') c += ' is-untaken';
  if (data.diff !== null && data.diff !== undefined) c += ` sw-diff sw-diff--${data.diff}`;
  return c;
}

function arrowOf(data: RoutedEdgeData, selected: boolean, drop: boolean): ArrowVariant {
  if (drop) return 'drop';
  if (selected) return 'selected';
  if (data.run === 'active') return 'active';
  if (data.run === 'taken') return data.kind === 'catch' ? 'catch' : 'taken';
  if (data.kind === 'catch' || data.broken !== null) return 'catch';
  if (data.backEdge) return 'back';
  return 'normal';
}

/** The radius of a bend, as the exported drawing has it (`corners::RADIUS` in stepwise-layout). */
const CORNER_RADIUS = 6;

/** Line height of a wrapped label, as the layout sizes it (`LABEL_LINE` in stepwise-layout). */
const LABEL_LINE = 13;

/** The hover text of a label: the whole text (the drawn one may be cut), Catch edges named. */
export function labelTitle(kind: RoutedEdgeData['kind'], label: Label): string {
  const whole = label.full ?? label.text;
  return kind === 'catch' ? `Catch: ${whole}` : whole;
}

/** The label's lines (the layout wrapped them), centred on the box. */
function LabelText({ text }: { text: string }): ReactElement {
  const lines = text.split('\n');
  const first = 4 - (LABEL_LINE * (lines.length - 1)) / 2;
  return (
    <text y={first} textAnchor="middle">
      {lines.map((line, i) => (
        <tspan key={i} x={0} y={first + LABEL_LINE * i}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function RoutedEdgeView(props: EdgeProps<FlowEdge>): ReactElement | null {
  const { id, source, target, data, selected = false } = props;
  const prefix = useContext(MarkerPrefix);
  const drop = useEdgeDropHighlight(id);
  const selector = useCallback(
    (s: ReactFlowState) => {
      if (data === undefined) return '0,0';
      return offsetKey(
        s.nodeLookup.get(source)?.internals.positionAbsolute,
        s.nodeLookup.get(target)?.internals.positionAbsolute,
        data,
      );
    },
    [source, target, data],
  );
  const offset = useStore(selector);
  if (data === undefined) return null;

  let d: string;
  let labelAt: Point | null = null;
  if (offset === 'free' || data.points.length < 2) {
    const [path, lx, ly] = getSmoothStepPath({
      sourceX: props.sourceX,
      sourceY: props.sourceY,
      targetX: props.targetX,
      targetY: props.targetY,
      sourcePosition: props.sourcePosition,
      targetPosition: props.targetPosition,
      borderRadius: CORNER_RADIUS,
    });
    d = path;
    if (data.label !== null) labelAt = { x: lx, y: ly };
  } else {
    const o = parseOffset(offset);
    const points = o.x === 0 && o.y === 0 ? data.points : translatePoints(data.points, o.x, o.y);
    d = roundedPath(points, CORNER_RADIUS);
    if (data.label !== null) labelAt = { x: data.label.x + o.x, y: data.label.y + o.y };
  }

  const label = data.label;
  return (
    <g
      className={edgeClass(data, selected, drop)}
      data-testid="edge"
      data-edge-id={id}
      data-source={source}
      data-target={target}
      data-kind={data.kind}
      data-rule={data.rule ?? undefined}
      data-back-edge={data.backEdge ? 'true' : undefined}
      data-run={data.run ?? undefined}
      data-coverage={data.coverage ?? undefined}
      data-diff={data.diff ?? undefined}
      data-broken={data.broken === null ? undefined : 'true'}
      aria-selected={selected}
    >
      <path className="sw-edge__hit" d={d}>
        {data.broken !== null && <title>{`No state is named “${data.broken.name}”: click to show the transition, or drag its end onto a state`}</title>}
      </path>
      {data.run === 'active' && <path className="sw-edge__glow" d={d} />}
      <path className="sw-edge__path" d={d} markerEnd={`url(#${prefix}-arrow-${arrowOf(data, selected, drop)})`} />
      {label !== null && labelAt !== null && (
        <g className="sw-edge__label" transform={`translate(${labelAt.x} ${labelAt.y})`}>
          <title>{labelTitle(data.kind, label)}</title>
          <rect x={-label.width / 2} y={-label.height / 2} width={label.width} height={label.height} rx={4} />
          <LabelText text={label.text} />
        </g>
      )}
    </g>
  );
}

export const RoutedEdge = memo(RoutedEdgeView);

export const edgeTypes: EdgeTypes = { routed: RoutedEdge };

/** The arrowhead markers, rendered once per canvas. */
export function ArrowDefs({ prefix }: { prefix: string }): ReactElement {
  return (
    <svg className="sw-arrow-defs" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        {ARROW_VARIANTS.map((v) => (
          <marker
            key={v}
            id={`${prefix}-arrow-${v}`}
            className={`sw-arrow sw-arrow--${v}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="8"
            markerHeight="8"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M0.5,1 L9.5,5 L0.5,9 z" />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
