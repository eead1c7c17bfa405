//! The plain actor CSV: one row per actor with capability, position(s) and salience(s).
//!
//! One dimension: header `Actor,Capability,Position,Salience` (case-insensitive), as in the
//! 1994 EU car-emissions example. Several dimensions: `Position:<dim>` and `Salience:<dim>`
//! column pairs; an empty position cell means no stance on that dimension. The scale of a
//! dimension is the span of the positions found.

use std::collections::HashMap;

use super::{check_capability, check_salience, parse_number};
use crate::error::{LoadError, Problem};
use crate::profile::{Actor, Dimension, Profile, Stance};

struct DimColumns {
    name: String,
    position: usize,
    salience: usize,
}

pub fn parse_actor_csv(text: &str, file: &str) -> Result<Profile, LoadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| syntax(file, &e))?.clone();
    let find = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let missing = |column: &str| {
        LoadError::new(
            file,
            Some(1),
            None,
            Problem::MissingColumn {
                column: column.to_string(),
            },
        )
    };
    let actor_col = find("Actor").ok_or_else(|| missing("Actor"))?;
    let capability_col = find("Capability").ok_or_else(|| missing("Capability"))?;

    let mut dims: Vec<DimColumns> = Vec::new();
    if let Some(position) = find("Position") {
        let salience = find("Salience").ok_or_else(|| missing("Salience"))?;
        dims.push(DimColumns {
            name: "position".to_string(),
            position,
            salience,
        });
    } else {
        for (i, h) in headers.iter().enumerate() {
            let Some((head, dim)) = h.split_once(':') else {
                continue;
            };
            if !head.trim().eq_ignore_ascii_case("Position") {
                continue;
            }
            let dim = dim.trim().to_string();
            let wanted = format!("Salience:{dim}");
            let salience = headers
                .iter()
                .position(|h| {
                    h.split_once(':').is_some_and(|(a, b)| {
                        a.trim().eq_ignore_ascii_case("Salience") && b.trim() == dim
                    })
                })
                .ok_or_else(|| missing(&wanted))?;
            if dims.iter().any(|d| d.name == dim) {
                return Err(LoadError::new(
                    file,
                    Some(1),
                    Some(h),
                    Problem::DuplicateDimension { name: dim },
                ));
            }
            dims.push(DimColumns {
                name: dim,
                position: i,
                salience,
            });
        }
        if dims.is_empty() {
            return Err(missing("Position"));
        }
    }

    let mut actors: Vec<Actor> = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| syntax(file, &e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |col: usize, name: &str| -> Result<&str, LoadError> {
            record.get(col).ok_or_else(|| {
                LoadError::new(
                    file,
                    Some(line),
                    Some(name),
                    Problem::TooFewFields {
                        expected: col + 1,
                        found: record.len(),
                    },
                )
            })
        };
        let name = cell(actor_col, "Actor")?.to_string();
        if name.is_empty() {
            return Err(LoadError::new(
                file,
                Some(line),
                Some("Actor"),
                Problem::Other {
                    message: "actor name is empty".to_string(),
                },
            ));
        }
        if let Some(&first) = first_line.get(&name) {
            return Err(LoadError::new(
                file,
                Some(line),
                Some("Actor"),
                Problem::DuplicateActor {
                    name,
                    first_line: first,
                },
            ));
        }
        first_line.insert(name.clone(), line);
        let capability_field = &headers[capability_col];
        let capability = parse_number(
            cell(capability_col, capability_field)?,
            file,
            line,
            capability_field,
        )?;
        check_capability(capability, file, line, capability_field)?;
        let mut stances = Vec::with_capacity(dims.len());
        for dim in &dims {
            let pos_field = &headers[dim.position];
            let sal_field = &headers[dim.salience];
            let raw_position = record.get(dim.position).unwrap_or("");
            if raw_position.is_empty() && dims.len() > 1 {
                stances.push(None);
                continue;
            }
            let position = parse_number(cell(dim.position, pos_field)?, file, line, pos_field)?;
            let salience = parse_number(cell(dim.salience, sal_field)?, file, line, sal_field)?;
            check_salience(salience, file, line, sal_field)?;
            stances.push(Some(Stance {
                position,
                salience,
                capability: None,
            }));
        }
        actors.push(Actor {
            name,
            capability,
            stances,
        });
    }
    if actors.is_empty() {
        return Err(LoadError::new(
            file,
            None,
            None,
            Problem::Empty { what: "actor" },
        ));
    }
    let dimensions = dims
        .iter()
        .enumerate()
        .map(|(d, cols)| {
            let positions = actors
                .iter()
                .filter_map(|a| a.stance(d).map(|s| s.position));
            let (min, max) = positions.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p), hi.max(p))
            });
            let (min, max) = if min.is_finite() {
                (min, max)
            } else {
                (0.0, 0.0)
            };
            Dimension {
                name: cols.name.clone(),
                min,
                max,
            }
        })
        .collect();
    Ok(Profile {
        name: file_stem(file),
        dimensions,
        actors,
        status_quo: None,
        source: None,
    })
}

fn syntax(file: &str, e: &csv::Error) -> LoadError {
    let line = e.position().map(|p| p.line() as usize);
    LoadError::new(
        file,
        line,
        None,
        Problem::Syntax {
            message: e.to_string(),
        },
    )
}

pub(crate) fn file_stem(file: &str) -> String {
    std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file)
        .to_string()
}
