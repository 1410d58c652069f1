/**
 * Map data to SVG paths, once per map: d3-geo projects world-atlas's countries (Equal Earth) or draws
 * us-atlas's states as they come (already projected to Albers USA, Alaska and Hawaii inset).
 */
import { geoAlbersUsa, geoEqualEarth, geoPath, type GeoProjection } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { countryOfShape, usState, type MapKind } from "../../../core/map/regions";

export interface Shape {
  /** The region's key (ISO alpha-3, state postal code): as `Region.key`. */
  readonly key: string;
  readonly name: string;
  /** SVG path data. */
  readonly path: string;
}

export interface ShapeSet {
  readonly kind: MapKind;
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly Shape[];
  /** A place (decimal degrees) in the map's coordinates, by the projection its shapes were drawn with; null off the map. */
  project(longitude: number, latitude: number): readonly [number, number] | null;
}

interface ShapeProperties {
  readonly name: string;
}

/** Antarctica takes a fifth of a world map and holds no sales territory. */
const LEFT_OUT = new Set(["ATA"]);
const WORLD_WIDTH = 960;
const WORLD_HEIGHT = 470;
/** us-atlas's *-albers-* files are projected to this size. */
const US_WIDTH = 975;
const US_HEIGHT = 610;
/** The projection us-atlas's README gives for its *-albers-* files, so places land on its states. */
const usProjection = (): GeoProjection =>
  geoAlbersUsa()
    .scale(1300)
    .translate([US_WIDTH / 2, US_HEIGHT / 2]);

/** d3-geo projections answer null (Albers USA outside its three areas) or NaN for places they can't show. */
function projector(projection: GeoProjection): ShapeSet["project"] {
  return (longitude, latitude) => {
    const point = projection([longitude, latitude]);
    return point === null || !Number.isFinite(point[0]) || !Number.isFinite(point[1]) ? null : [point[0], point[1]];
  };
}

function features(topology: Topology, name: string): Feature<Geometry, ShapeProperties>[] {
  const collection = topology.objects[name] as GeometryCollection<ShapeProperties>;
  return (feature(topology, collection) as FeatureCollection<Geometry, ShapeProperties>).features;
}

export function drawShapes(kind: MapKind, topology: Topology): ShapeSet {
  if (kind === "us") {
    const path = geoPath();
    const shapes = features(topology, "states").flatMap((shape) => {
      const region = usState(shape.properties.name);
      const d = path(shape);
      return region === undefined || d === null ? [] : [{ key: region.key, name: region.name, path: d }];
    });
    return { kind, width: US_WIDTH, height: US_HEIGHT, shapes, project: projector(usProjection()) };
  }
  const countries = features(topology, "countries").flatMap((shape) => {
    const region = countryOfShape(shape.id, shape.properties.name);
    return region === undefined || LEFT_OUT.has(region.key) ? [] : [{ region, shape }];
  });
  const projection = geoEqualEarth().fitSize([WORLD_WIDTH, WORLD_HEIGHT], {
    type: "FeatureCollection",
    features: countries.map(({ shape }) => shape),
  });
  const path = geoPath(projection);
  const shapes = countries.flatMap(({ region, shape }) => {
    const d = path(shape);
    return d === null ? [] : [{ key: region.key, name: region.name, path: d }];
  });
  return { kind, width: WORLD_WIDTH, height: WORLD_HEIGHT, shapes, project: projector(projection) };
}
