import type { FrameView, HeapObject, Ref, Step } from "../../python/trace/types.ts";
import { objectName, slots } from "./describe.ts";
import { ValueSlot } from "./value-slot.tsx";

function More({ shown, length }: { shown: number; length: number | undefined }) {
  if (length === undefined || length <= shown) return null;
  return <span className="viz-more">… {length - shown} more</span>;
}

function Rows({
  step,
  rows,
  drawPrimitives,
}: {
  step: Step;
  rows: Array<{ from: string; label: string; to: Ref }>;
  drawPrimitives: boolean;
}) {
  if (rows.length === 0) return null;
  return (
    <table className="viz-rows">
      <tbody>
        {rows.map((row) => (
          <tr key={row.from}>
            <th scope="row">{row.label}</th>
            <td>
              <ValueSlot step={step} to={row.to} from={row.from} drawPrimitives={drawPrimitives} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A frame's names (the stack's frames, and a suspended generator's own frame). */
export function FrameRows({
  step,
  frame,
  prefix,
  drawPrimitives,
}: {
  step: Step;
  frame: FrameView;
  prefix: string;
  drawPrimitives: boolean;
}) {
  return (
    <Rows
      step={step}
      drawPrimitives={drawPrimitives}
      rows={frame.vars.map((v) => ({ from: `${prefix}${v.name}`, label: v.name, to: v.ref }))}
    />
  );
}

function Body({
  step,
  obj,
  id,
  drawPrimitives,
}: {
  step: Step;
  obj: HeapObject;
  id: Ref;
  drawPrimitives: boolean;
}) {
  const from = (key: string) => `o${id}.${key}`;
  switch (obj.kind) {
    case "primitive":
      return <code className="viz-repr">{obj.repr}</code>;
    case "list":
    case "tuple":
    case "set":
      return (
        <div className="viz-items">
          {obj.items.length === 0 ? <span className="viz-empty">empty</span> : null}
          {obj.items.map((to, i) => (
            <span className="viz-item" key={from(String(i))}>
              {obj.kind === "set" ? null : <span className="viz-index">{i}</span>}
              <ValueSlot
                step={step}
                to={to}
                from={from(String(i))}
                drawPrimitives={drawPrimitives}
              />
            </span>
          ))}
          <More shown={obj.items.length} length={obj.length} />
        </div>
      );
    case "dict":
      return (
        <>
          {obj.entries.length === 0 ? <span className="viz-empty">empty</span> : null}
          <table className="viz-rows viz-dict">
            <tbody>
              {obj.entries.map(([k, v], i) => (
                <tr key={from(`k${i}`)}>
                  <td>
                    <ValueSlot
                      step={step}
                      to={k}
                      from={from(`k${i}`)}
                      drawPrimitives={drawPrimitives}
                    />
                  </td>
                  <td>
                    <ValueSlot
                      step={step}
                      to={v}
                      from={from(`v${i}`)}
                      drawPrimitives={drawPrimitives}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <More shown={obj.entries.length} length={obj.length} />
        </>
      );
    case "generator":
      return (
        <>
          <span className="viz-state">
            {obj.state}
            {obj.frame ? `, line ${obj.frame.line}` : ""}
          </span>
          {obj.frame ? (
            <FrameRows
              step={step}
              frame={obj.frame}
              prefix={from("g.")}
              drawPrimitives={drawPrimitives}
            />
          ) : null}
        </>
      );
    case "exception":
      return <span className="viz-message">{obj.message}</span>;
    case "other":
      return <code className="viz-repr">{obj.repr}</code>;
    default:
      return (
        <Rows
          step={step}
          drawPrimitives={drawPrimitives}
          rows={slots(obj).map((s) => ({ ...s, from: from(s.key) }))}
        />
      );
  }
}

/** One object, drawn once; every arrow to it ends at this box. */
export function ObjectBox({
  step,
  id: objRef,
  drawPrimitives,
}: {
  step: Step;
  id: Ref;
  drawPrimitives: boolean;
}) {
  const obj = step.heap.get(objRef);
  if (!obj) return null;
  const title =
    obj.kind === "function"
      ? // `outer.<locals>.inner` is too wide for a box; the full name is in the title.
        `${obj.name.split("<locals>.").at(-1)}(${obj.params.join(", ")})`
      : obj.kind === "class" || obj.kind === "generator"
        ? obj.name
        : null;
  return (
    <div className="viz-obj" data-obj={objRef} data-kind={obj.kind} title={objectName(obj, objRef)}>
      <div className="viz-obj-head">
        <span className="viz-type">{obj.kind === "class" ? "class" : obj.type}</span>
        {title ? <code className="viz-title">{title}</code> : null}
        <span className="viz-id">#{objRef}</span>
      </div>
      <Body step={step} obj={obj} id={objRef} drawPrimitives={drawPrimitives} />
    </div>
  );
}
