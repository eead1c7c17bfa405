//! The input format of the `decide` exchange model (GitHub foarsitter/decide-exchange-model):
//! one row per fact, the first field naming the kind of row.
//!
//! - `#A; actor id; full name; comment` declares an actor;
//! - `#P; issue; description` declares an issue (a dimension);
//! - `#M; issue; position; meaning` marks a point of an issue's scale (the lowest and the
//!   highest marks give the scale; without marks it is 0..=100, as in decide);
//! - `#D; actor; issue; position; salience; power; comment` gives a stance;
//! - `#/` (comment) and `#O` (issue description) rows are read and ignored.
//!
//! Fields are separated by tabs, semicolons or commas (the first of these found in the file)
//! and may be quoted with `'` or `"`. Salience must lie in 0..=1 (decide itself accepts
//! up to 100, but its update rule `1 - salience` only makes sense on 0..=1).

use std::collections::HashMap;

use super::actor_csv::file_stem;
use super::{check_capability, check_salience, parse_number};
use crate::error::{LoadError, Problem};
use crate::profile::{Actor, Dimension, Profile, Stance};

struct StanceRow {
    line: usize,
    actor: String,
    issue: String,
    position: f64,
    salience: f64,
    power: f64,
}

pub fn parse_decide_csv(text: &str, file: &str) -> Result<Profile, LoadError> {
    let delimiter = if text.contains('\t') {
        '\t'
    } else if text.contains(';') {
        ';'
    } else {
        ','
    };
    let mut actors: Vec<Actor> = Vec::new();
    let mut actor_lines: HashMap<String, usize> = HashMap::new();
    let mut issues: Vec<(String, Option<f64>, Option<f64>)> = Vec::new();
    let mut marks: Vec<(usize, String, f64)> = Vec::new();
    let mut stances: Vec<StanceRow> = Vec::new();

    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = raw.split(delimiter).map(unquote).collect();
        let need = |n: usize| -> Result<(), LoadError> {
            if fields.len() < n {
                Err(LoadError::new(
                    file,
                    Some(line),
                    None,
                    Problem::TooFewFields {
                        expected: n,
                        found: fields.len(),
                    },
                ))
            } else {
                Ok(())
            }
        };
        match fields[0] {
            "#A" => {
                need(2)?;
                let name = fields[1].to_string();
                if let Some(&first) = actor_lines.get(&name) {
                    return Err(LoadError::new(
                        file,
                        Some(line),
                        Some("actor"),
                        Problem::DuplicateActor {
                            name,
                            first_line: first,
                        },
                    ));
                }
                actor_lines.insert(name.clone(), line);
                actors.push(Actor {
                    name,
                    capability: 0.0,
                    stances: Vec::new(),
                });
            }
            "#P" => {
                need(2)?;
                let name = fields[1].to_string();
                if issues.iter().any(|(n, _, _)| *n == name) {
                    return Err(LoadError::new(
                        file,
                        Some(line),
                        Some("issue"),
                        Problem::DuplicateDimension { name },
                    ));
                }
                issues.push((name, None, None));
            }
            "#M" => {
                need(3)?;
                let value = parse_number(fields[2], file, line, "position")?;
                marks.push((line, fields[1].to_string(), value));
            }
            "#D" => {
                need(6)?;
                let position = parse_number(fields[3], file, line, "position")?;
                let salience = parse_number(fields[4], file, line, "salience")?;
                check_salience(salience, file, line, "salience")?;
                let power = parse_number(fields[5], file, line, "power")?;
                check_capability(power, file, line, "power")?;
                stances.push(StanceRow {
                    line,
                    actor: fields[1].to_string(),
                    issue: fields[2].to_string(),
                    position,
                    salience,
                    power,
                });
            }
            "#/" | "#O" => {}
            other => {
                return Err(LoadError::new(
                    file,
                    Some(line),
                    None,
                    Problem::UnknownRowKind {
                        kind: other.to_string(),
                    },
                ))
            }
        }
    }
    if actors.is_empty() {
        return Err(LoadError::new(
            file,
            None,
            None,
            Problem::Empty {
                what: "actor (#A row)",
            },
        ));
    }
    if issues.is_empty() {
        return Err(LoadError::new(
            file,
            None,
            None,
            Problem::Empty {
                what: "issue (#P row)",
            },
        ));
    }
    for (line, issue, value) in marks {
        let Some(entry) = issues.iter_mut().find(|(n, _, _)| *n == issue) else {
            return Err(LoadError::new(
                file,
                Some(line),
                Some("issue"),
                Problem::UnknownDimension { name: issue },
            ));
        };
        entry.1 = Some(entry.1.map_or(value, |lo: f64| lo.min(value)));
        entry.2 = Some(entry.2.map_or(value, |hi: f64| hi.max(value)));
    }
    let dimensions: Vec<Dimension> = issues
        .into_iter()
        .map(|(name, lo, hi)| Dimension {
            name,
            min: lo.unwrap_or(0.0),
            max: hi.unwrap_or(100.0),
        })
        .collect();
    for actor in &mut actors {
        actor.stances = vec![None; dimensions.len()];
    }
    let mut seen_power: Vec<Option<f64>> = vec![None; actors.len()];
    for row in stances {
        let Some(a) = actors.iter().position(|a| a.name == row.actor) else {
            return Err(LoadError::new(
                file,
                Some(row.line),
                Some("actor"),
                Problem::UnknownActor { name: row.actor },
            ));
        };
        let Some(d) = dimensions.iter().position(|d| d.name == row.issue) else {
            return Err(LoadError::new(
                file,
                Some(row.line),
                Some("issue"),
                Problem::UnknownDimension { name: row.issue },
            ));
        };
        let dim = &dimensions[d];
        if dim.min > dim.max {
            return Err(LoadError::new(
                file,
                Some(row.line),
                Some("issue"),
                Problem::BadScale {
                    min: dim.min,
                    max: dim.max,
                },
            ));
        }
        if row.position < dim.min || row.position > dim.max {
            return Err(LoadError::new(
                file,
                Some(row.line),
                Some("position"),
                Problem::PositionOutOfRange {
                    value: row.position,
                    min: dim.min,
                    max: dim.max,
                },
            ));
        }
        if actors[a].stances[d].is_some() {
            return Err(LoadError::new(
                file,
                Some(row.line),
                None,
                Problem::DuplicateStance {
                    actor: row.actor,
                    dimension: row.issue,
                },
            ));
        }
        let general = *seen_power[a].get_or_insert(row.power);
        actors[a].capability = general;
        actors[a].stances[d] = Some(Stance {
            position: row.position,
            salience: row.salience,
            capability: (row.power != general).then_some(row.power),
        });
    }
    Ok(Profile {
        name: file_stem(file),
        dimensions,
        actors,
        status_quo: None,
        source: None,
    })
}

fn unquote(field: &str) -> &str {
    let t = field.trim();
    for q in ['\'', '"'] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            return &t[1..t.len() - 1];
        }
    }
    t
}
