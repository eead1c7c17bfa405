//! Land area of each country, computed from the Natural Earth 1:50m admin-0 shapes
//! (TopoJSON). No dataset in the project states areas, so they are measured here, on a
//! sphere of the authalic Earth radius.
//!
//! A ring's signed area integrates (1 + sin φ) dλ along the boundary, i.e. the area
//! between the ring and the south pole (Chamberlain & Duquette 2007, "Some algorithms
//! for polygons on a sphere", JPL). Longitude steps are taken the short way round, so
//! rings that cross the antimeridian (Russia, Fiji) are measured correctly. Exterior
//! rings and holes run in opposite directions, so a polygon's area is the sum of its
//! rings' signed areas; Antarctica's ring, which circles the pole, comes out right too. Natural Earth draws
//! de facto boundaries (Crimea inside Russia) and covers land only, so figures differ
//! from official ones (which often include inland or territorial water) by a few per cent.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::countries::Countries;
use crate::DataError;

/// Authalic radius of the WGS 84 ellipsoid, km: a sphere with the ellipsoid's area.
pub const EARTH_RADIUS_KM: f64 = 6371.0072;

/// Areas in km², by ISO3 code.
#[derive(Debug, Clone)]
pub struct Areas {
    km2: BTreeMap<String, f64>,
    /// Shapes with no ISO3 code (Northern Cyprus, Somaliland, ...), with their areas.
    pub unassigned: Vec<(String, f64)>,
    /// The area of all shapes together, Antarctica included.
    pub total_km2: f64,
}

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[f64; 2]>>,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    properties: Properties,
    #[serde(default)]
    arcs: serde_json::Value,
}

#[derive(Deserialize, Default)]
struct Properties {
    #[serde(default)]
    name: String,
}

impl Areas {
    /// Parses a world-atlas TopoJSON file and measures every country's shapes.
    pub fn parse(file: &str, bytes: &[u8], countries: &Countries) -> Result<Self, DataError> {
        let topo: Topology = serde_json::from_slice(bytes).map_err(|e| {
            DataError::file(
                file,
                format!("line {}, column {}: {e}", e.line(), e.column()),
            )
        })?;
        let arcs = decode_arcs(&topo);
        let by_numeric: BTreeMap<u16, &str> = countries
            .iter()
            .filter_map(|c| c.iso_numeric.map(|n| (n, c.iso3.as_str())))
            .collect();

        let mut km2: BTreeMap<String, f64> = BTreeMap::new();
        let mut unassigned = Vec::new();
        let mut total_km2 = 0.0;
        for (n, geometry) in topo.objects.countries.geometries.iter().enumerate() {
            let polygons: Vec<Vec<Vec<i64>>> = match geometry.kind.as_str() {
                "Polygon" => vec![parse_rings(file, n, &geometry.arcs)?],
                "MultiPolygon" => match &geometry.arcs {
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|p| parse_rings(file, n, p))
                        .collect::<Result<_, _>>()?,
                    _ => return Err(bad_geometry(file, n, "MultiPolygon without arcs")),
                },
                _ => continue, // null geometries have no area
            };
            let mut area = 0.0;
            for rings in &polygons {
                let mut signed = 0.0;
                for ring in rings {
                    let points = ring_points(&arcs, ring)
                        .ok_or_else(|| bad_geometry(file, n, "arc index out of range"))?;
                    signed += ring_area_km2(&points);
                }
                area += signed.abs();
            }
            total_km2 += area;
            let iso3 = match (&geometry.id, geometry.properties.name.as_str()) {
                (_, "Kosovo") => Some("XKX"),
                (Some(id), _) => id
                    .parse::<u16>()
                    .ok()
                    .and_then(|n| by_numeric.get(&n).copied()),
                (None, _) => None,
            };
            match iso3 {
                Some(code) => *km2.entry(code.to_string()).or_default() += area,
                None => unassigned.push((geometry.properties.name.clone(), area)),
            }
        }
        Ok(Areas {
            km2,
            unassigned,
            total_km2,
        })
    }

    /// Area of one country, km².
    pub fn get(&self, iso3: &str) -> Option<f64> {
        self.km2.get(iso3).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.km2.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

fn bad_geometry(file: &str, n: usize, what: &str) -> DataError {
    DataError::file(file, format!("geometry #{n} of `countries`: {what}"))
}

fn parse_rings(
    file: &str,
    n: usize,
    value: &serde_json::Value,
) -> Result<Vec<Vec<i64>>, DataError> {
    serde_json::from_value(value.clone()).map_err(|e| bad_geometry(file, n, &e.to_string()))
}

/// Undoes TopoJSON's quantisation and delta encoding: arcs as (longitude, latitude).
fn decode_arcs(topo: &Topology) -> Vec<Vec<(f64, f64)>> {
    let [sx, sy] = topo.transform.scale;
    let [tx, ty] = topo.transform.translate;
    topo.arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.iter()
                .map(|[dx, dy]| {
                    x += dx;
                    y += dy;
                    (x * sx + tx, y * sy + ty)
                })
                .collect()
        })
        .collect()
}

/// Joins a ring's arcs; a negative index `i` means arc `!i` reversed.
fn ring_points(arcs: &[Vec<(f64, f64)>], ring: &[i64]) -> Option<Vec<(f64, f64)>> {
    let mut points: Vec<(f64, f64)> = Vec::new();
    for &index in ring {
        let (arc, reversed) = if index >= 0 {
            (arcs.get(index as usize)?, false)
        } else {
            (arcs.get(!index as usize)?, true)
        };
        let mut segment: Vec<(f64, f64)> = arc.clone();
        if reversed {
            segment.reverse();
        }
        let skip = usize::from(!points.is_empty());
        points.extend(segment.into_iter().skip(skip));
    }
    Some(points)
}

/// Signed area of a closed ring of (longitude, latitude) degrees, km².
pub fn ring_area_km2(points: &[(f64, f64)]) -> f64 {
    let mut sum = 0.0;
    for pair in points.windows(2) {
        let mut step = pair[1].0 - pair[0].0;
        if step > 180.0 {
            step -= 360.0;
        } else if step < -180.0 {
            step += 360.0;
        }
        let (p1, p2) = (pair[0].1.to_radians(), pair[1].1.to_radians());
        sum += step.to_radians() * (2.0 + p1.sin() + p2.sin());
    }
    sum * EARTH_RADIUS_KM * EARTH_RADIUS_KM / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_degree_cell_at_the_equator_has_the_expected_area() {
        // Exact area of a lat-lon cell: R² · Δλ · (sin φ2 − sin φ1).
        let cell = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)];
        let exact = EARTH_RADIUS_KM.powi(2) * 1f64.to_radians() * 1f64.to_radians().sin();
        let got = ring_area_km2(&cell).abs();
        assert!((got - exact).abs() / exact < 1e-3, "{got} vs {exact}");
    }

    #[test]
    fn the_equator_ring_encloses_a_hemisphere() {
        let ring = [
            (0.0, 0.0),
            (90.0, 0.0),
            (180.0, 0.0),
            (-90.0, 0.0),
            (0.0, 0.0),
        ];
        let hemisphere = 2.0 * std::f64::consts::PI * EARTH_RADIUS_KM.powi(2);
        assert!((ring_area_km2(&ring).abs() - hemisphere).abs() / hemisphere < 1e-9);
    }

    #[test]
    fn a_cell_across_the_antimeridian_is_small() {
        let cell = [
            (179.5, 0.0),
            (-179.5, 0.0),
            (-179.5, 1.0),
            (179.5, 1.0),
            (179.5, 0.0),
        ];
        let exact = EARTH_RADIUS_KM.powi(2) * 1f64.to_radians() * 1f64.to_radians().sin();
        assert!((ring_area_km2(&cell).abs() - exact).abs() / exact < 1e-3);
    }
}
