/**
 * The map's shapes, fetched on first use: d3-geo and topojson-client are one chunk, each map's
 * data another, so neither the first view nor the Map view's own chunk carries them.
 */
import type { Topology } from "topojson-specification";
import type { MapKind } from "../../../core/map/regions";
import type { ShapeSet } from "./drawShapes";

export type LoadShapes = (kind: MapKind) => Promise<ShapeSet>;

const drawn = new Map<MapKind, Promise<ShapeSet>>();

function topology(kind: MapKind): Promise<Topology> {
  const data: Promise<{ default: unknown }> =
    kind === "us"
      ? import(/* webpackChunkName: "map-us" */ "us-atlas/states-albers-10m.json")
      : import(/* webpackChunkName: "map-world" */ "world-atlas/countries-110m.json");
  return data.then((module) => module.default as Topology);
}

/** Draws each map once per session; a failed fetch (the network dropped) is tried again next time. */
export const loadShapes: LoadShapes = (kind) => {
  let shapes = drawn.get(kind);
  if (shapes === undefined) {
    shapes = Promise.all([import(/* webpackChunkName: "map-draw" */ "./drawShapes"), topology(kind)]).then(
      ([module, data]) => module.drawShapes(kind, data),
    );
    shapes.catch(() => drawn.delete(kind));
    drawn.set(kind, shapes);
  }
  return shapes;
};
