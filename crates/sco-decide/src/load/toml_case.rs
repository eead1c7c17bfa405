//! Our TOML case format.
//!
//! ```toml
//! name = "EU car emissions 1994"
//! source = "Bueno de Mesquita (1994), as tabulated by Scholz et al. (2011)"
//!
//! [[dimensions]]
//! name = "years"
//! min = 4.0
//! max = 10.0
//! status_quo = 4.0          # optional; give it on every dimension or on none
//!
//! [[actors]]
//! name = "Netherlands"
//! capability = 0.08
//! position = { years = 4.0 }
//! salience = { years = 0.8 }  # 0..=1; a dimension absent from `position` means no stance
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{LoadError, Problem};
use crate::profile::{Actor, Dimension, Profile, Stance};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    name: Option<String>,
    source: Option<String>,
    #[serde(default)]
    dimensions: Vec<Spanned<DimensionEntry>>,
    #[serde(default)]
    actors: Vec<Spanned<ActorEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DimensionEntry {
    name: String,
    min: Spanned<f64>,
    max: Spanned<f64>,
    status_quo: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorEntry {
    name: Spanned<String>,
    capability: Spanned<f64>,
    #[serde(default)]
    position: BTreeMap<String, Spanned<f64>>,
    #[serde(default)]
    salience: BTreeMap<String, Spanned<f64>>,
}

pub fn parse_toml_case(text: &str, file: &str) -> Result<Profile, LoadError> {
    let lines = super::LineIndex::new(text);
    let case: CaseFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| lines.line(s.start));
        LoadError::new(
            file,
            line,
            None,
            Problem::Syntax {
                message: e.message().to_string(),
            },
        )
    })?;
    let at = |span: std::ops::Range<usize>| Some(lines.line(span.start));
    let finite = |v: &Spanned<f64>, field: &str| -> Result<f64, LoadError> {
        let value = *v.get_ref();
        if value.is_finite() {
            Ok(value)
        } else {
            Err(LoadError::new(
                file,
                at(v.span()),
                Some(field),
                Problem::NotFinite { value },
            ))
        }
    };

    if case.dimensions.is_empty() {
        return Err(LoadError::new(
            file,
            None,
            None,
            Problem::Empty {
                what: "dimension ([[dimensions]])",
            },
        ));
    }
    let mut dimensions = Vec::new();
    let mut status_quo = Vec::new();
    for entry in &case.dimensions {
        let span = entry.span();
        let d = entry.get_ref();
        if dimensions.iter().any(|x: &Dimension| x.name == d.name) {
            return Err(LoadError::new(
                file,
                at(span),
                Some("name"),
                Problem::DuplicateDimension {
                    name: d.name.clone(),
                },
            ));
        }
        let min = finite(&d.min, "min")?;
        let max = finite(&d.max, "max")?;
        if min >= max {
            return Err(LoadError::new(
                file,
                at(d.min.span()),
                Some("min"),
                Problem::BadScale { min, max },
            ));
        }
        if let Some(sq) = &d.status_quo {
            let value = finite(sq, "status_quo")?;
            if value < min || value > max {
                return Err(LoadError::new(
                    file,
                    at(sq.span()),
                    Some("status_quo"),
                    Problem::PositionOutOfRange { value, min, max },
                ));
            }
            status_quo.push((value, span.clone()));
        }
        dimensions.push(Dimension {
            name: d.name.clone(),
            min,
            max,
        });
    }
    let status_quo = match status_quo.len() {
        0 => None,
        n if n == dimensions.len() => Some(status_quo.into_iter().map(|(v, _)| v).collect()),
        _ => {
            return Err(LoadError::new(
                file,
                None,
                Some("status_quo"),
                Problem::Other {
                    message: "status_quo must be given on every dimension or on none".to_string(),
                },
            ))
        }
    };

    if case.actors.is_empty() {
        return Err(LoadError::new(
            file,
            None,
            None,
            Problem::Empty {
                what: "actor ([[actors]])",
            },
        ));
    }
    let mut actors = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for entry in &case.actors {
        let a = entry.get_ref();
        let name = a.name.get_ref().clone();
        let line = lines.line(a.name.span().start);
        if let Some(&first) = first_line.get(&name) {
            return Err(LoadError::new(
                file,
                Some(line),
                Some("name"),
                Problem::DuplicateActor {
                    name,
                    first_line: first,
                },
            ));
        }
        first_line.insert(name.clone(), line);
        let capability = finite(&a.capability, "capability")?;
        if capability < 0.0 {
            return Err(LoadError::new(
                file,
                at(a.capability.span()),
                Some("capability"),
                Problem::NegativeCapability { value: capability },
            ));
        }
        for key in a.position.keys().chain(a.salience.keys()) {
            if !dimensions.iter().any(|d| d.name == *key) {
                return Err(LoadError::new(
                    file,
                    Some(line),
                    Some(key),
                    Problem::UnknownDimension { name: key.clone() },
                ));
            }
        }
        let mut stances = Vec::with_capacity(dimensions.len());
        for dim in &dimensions {
            let Some(pos) = a.position.get(&dim.name) else {
                stances.push(None);
                continue;
            };
            let field = format!("position.{}", dim.name);
            let position = finite(pos, &field)?;
            if position < dim.min || position > dim.max {
                return Err(LoadError::new(
                    file,
                    at(pos.span()),
                    Some(&field),
                    Problem::PositionOutOfRange {
                        value: position,
                        min: dim.min,
                        max: dim.max,
                    },
                ));
            }
            let sal_field = format!("salience.{}", dim.name);
            let Some(sal) = a.salience.get(&dim.name) else {
                return Err(LoadError::new(
                    file,
                    Some(line),
                    None,
                    Problem::MissingColumn { column: sal_field },
                ));
            };
            let salience = finite(sal, &sal_field)?;
            if !(0.0..=1.0).contains(&salience) {
                return Err(LoadError::new(
                    file,
                    at(sal.span()),
                    Some(&sal_field),
                    Problem::SalienceOutOfRange { value: salience },
                ));
            }
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
    Ok(Profile {
        name: case
            .name
            .unwrap_or_else(|| super::actor_csv::file_stem(file)),
        dimensions,
        actors,
        status_quo,
        source: case.source,
    })
}
