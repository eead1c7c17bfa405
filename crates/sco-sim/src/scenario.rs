//! Scenarios: which model to run, with which parameters, for how long, and what to record.
//!
//! A scenario is either built from a registered model's defaults ([`Scenario::for_model`])
//! or read from a TOML file ([`Scenario::from_toml_str`], schema in
//! `docs/simulation/engine.md`). Files are parsed with unknown fields denied, and every
//! error names the file, the line and column, and the field.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{ScenarioError, SimError};
use crate::params::{find_spec, parse_assignment_list, ParamError, ParamSet};
use crate::registry::{ModelEntry, Registry};
use crate::rng::MAX_SEED;
use crate::value::Value;

/// What a run records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CollectSpec {
    /// Write a model-step row every this many steps (and always at step 0 and the last
    /// step); 0 writes only those two.
    pub model_every: u64,
    /// Write agent-step rows every this many steps (and at step 0 and the last step); 0
    /// writes no agent table.
    pub agents_every: u64,
}

impl Default for CollectSpec {
    fn default() -> Self {
        CollectSpec {
            model_every: 1,
            agents_every: 0,
        }
    }
}

/// Sweep settings a scenario file may carry (command-line flags override them).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SweepDefaults {
    /// Replications per parameter combination.
    pub runs: Option<u64>,
    /// Master seed of the replication seeds.
    pub seed: Option<u64>,
    /// Runs per output chunk.
    pub chunk_size: Option<u64>,
    /// Parameters to vary, each with its list of values, in the model's parameter order.
    pub grid: Vec<(String, Vec<Value>)>,
}

/// A fully resolved scenario: a registered model with a complete, valid parameter set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    /// Scenario name (the file stem, or the model name).
    pub name: String,
    /// Free-text description.
    pub description: String,
    /// Registered model name.
    pub model: String,
    /// Parameter values.
    pub params: ParamSet,
    /// Step limit.
    pub max_steps: u64,
    /// What to record.
    pub collect: CollectSpec,
    /// Default seed for single runs, if the file gives one.
    pub seed: Option<u64>,
    /// Sweep settings from the file.
    #[serde(skip)]
    pub sweep: SweepDefaults,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    model: Spanned<String>,
    name: Option<String>,
    description: Option<String>,
    seed: Option<Spanned<u64>>,
    steps: Option<Spanned<u64>>,
    #[serde(default)]
    params: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    collect: Option<CollectFile>,
    sweep: Option<SweepFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CollectFile {
    model_every: Option<u64>,
    agents_every: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SweepFile {
    runs: Option<Spanned<u64>>,
    seed: Option<Spanned<u64>>,
    chunk_size: Option<Spanned<u64>>,
    #[serde(default)]
    grid: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

impl Scenario {
    /// The defaults of a registered model.
    pub fn for_model(registry: &Registry, model: &str) -> Result<Scenario, SimError> {
        let entry = registry.lookup(model)?;
        Ok(Scenario {
            name: entry.name.clone(),
            description: entry.summary.clone(),
            model: entry.name.clone(),
            params: ParamSet::defaults(&entry.params),
            max_steps: entry.default_max_steps,
            collect: entry.default_collect,
            seed: None,
            sweep: SweepDefaults::default(),
        })
    }

    /// A model name or a path to a `.toml` scenario file.
    pub fn load(registry: &Registry, name_or_path: &str) -> Result<Scenario, SimError> {
        let looks_like_file =
            name_or_path.ends_with(".toml") || name_or_path.contains(std::path::MAIN_SEPARATOR);
        if looks_like_file
            || (registry.get(name_or_path).is_none() && Path::new(name_or_path).is_file())
        {
            Scenario::from_file(registry, Path::new(name_or_path))
        } else {
            Scenario::for_model(registry, name_or_path)
        }
    }

    /// Reads and validates a TOML scenario file.
    pub fn from_file(registry: &Registry, path: &Path) -> Result<Scenario, SimError> {
        let text = crate::error::read_input(path)?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("scenario");
        Scenario::from_toml_str(registry, &text, &path.display().to_string(), stem)
    }

    /// Parses and validates scenario text; `file` names it in errors, `default_name` is the
    /// scenario name when the text sets none.
    pub fn from_toml_str(
        registry: &Registry,
        text: &str,
        file: &str,
        default_name: &str,
    ) -> Result<Scenario, SimError> {
        let locate = |span: Range<usize>, field: Option<String>, message: String| {
            let (line, column) = line_column(text, span.start);
            ScenarioError {
                file: file.to_owned(),
                line,
                column,
                field,
                message,
            }
        };
        let raw: ScenarioFile = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            locate(
                span.clone(),
                field_at(text, span.start),
                e.message().to_owned(),
            )
        })?;

        let entry: &ModelEntry = registry
            .lookup(raw.model.get_ref())
            .map_err(|e| locate(raw.model.span(), Some("model".to_owned()), e.to_string()))?;
        let mut params = ParamSet::defaults(&entry.params);
        for (key, value) in &raw.params {
            let field = Some(format!("params.{}", key.get_ref()));
            let spec = find_spec(&entry.params, key.get_ref())
                .map_err(|e| locate(key.span(), field.clone(), e.to_string()))?;
            let checked = spec
                .from_toml(value.get_ref())
                .map_err(|e| locate(value.span(), field.clone(), e.to_string()))?;
            params
                .set(&entry.params, key.get_ref(), checked)
                .map_err(|e| locate(value.span(), field, e.to_string()))?;
        }

        let check_seed = |seed: &Spanned<u64>, field: &str| -> Result<u64, ScenarioError> {
            if *seed.get_ref() > MAX_SEED {
                Err(locate(
                    seed.span(),
                    Some(field.to_owned()),
                    format!("seed must be at most {MAX_SEED}"),
                ))
            } else {
                Ok(*seed.get_ref())
            }
        };
        let seed = raw
            .seed
            .as_ref()
            .map(|s| check_seed(s, "seed"))
            .transpose()?;
        let max_steps = match &raw.steps {
            Some(steps) if *steps.get_ref() == 0 => {
                return Err(locate(
                    steps.span(),
                    Some("steps".to_owned()),
                    "steps must be at least 1".to_owned(),
                )
                .into())
            }
            Some(steps) => *steps.get_ref(),
            None => entry.default_max_steps,
        };
        let collect = raw
            .collect
            .map(|c| CollectSpec {
                model_every: c.model_every.unwrap_or(entry.default_collect.model_every),
                agents_every: c.agents_every.unwrap_or(entry.default_collect.agents_every),
            })
            .unwrap_or(entry.default_collect);

        let mut sweep = SweepDefaults::default();
        if let Some(raw_sweep) = raw.sweep {
            for (field, value) in [
                ("sweep.runs", &raw_sweep.runs),
                ("sweep.chunk_size", &raw_sweep.chunk_size),
            ] {
                if let Some(v) = value {
                    if *v.get_ref() == 0 {
                        return Err(locate(
                            v.span(),
                            Some(field.to_owned()),
                            "must be at least 1".to_owned(),
                        )
                        .into());
                    }
                }
            }
            sweep.runs = raw_sweep.runs.map(|v| *v.get_ref());
            sweep.chunk_size = raw_sweep.chunk_size.map(|v| *v.get_ref());
            sweep.seed = raw_sweep
                .seed
                .as_ref()
                .map(|s| check_seed(s, "sweep.seed"))
                .transpose()?;
            let mut grid = Vec::new();
            for (key, value) in &raw_sweep.grid {
                let field = Some(format!("sweep.grid.{}", key.get_ref()));
                let spec = find_spec(&entry.params, key.get_ref())
                    .map_err(|e| locate(key.span(), field.clone(), e.to_string()))?;
                let items: Vec<toml::Value> = match value.get_ref() {
                    toml::Value::Array(items) if !items.is_empty() => items.clone(),
                    toml::Value::Array(_) => {
                        return Err(locate(
                            value.span(),
                            field,
                            "the list of values is empty".to_owned(),
                        )
                        .into())
                    }
                    single => vec![single.clone()],
                };
                let values = items
                    .iter()
                    .map(|v| spec.from_toml(v))
                    .collect::<Result<Vec<_>, ParamError>>()
                    .map_err(|e| locate(value.span(), field.clone(), e.to_string()))?;
                grid.push((key.get_ref().clone(), values));
            }
            sweep.grid = order_like_specs(grid, entry);
        }

        Ok(Scenario {
            name: raw.name.unwrap_or_else(|| default_name.to_owned()),
            description: raw.description.unwrap_or_else(|| entry.summary.clone()),
            model: entry.name.clone(),
            params,
            max_steps,
            collect,
            seed,
            sweep,
        })
    }

    /// Applies `name=value` settings (single values only) on top of the scenario.
    pub fn apply_sets(&mut self, registry: &Registry, sets: &[String]) -> Result<(), SimError> {
        let entry = registry.lookup(&self.model)?;
        for text in sets {
            let (name, values) = parse_assignment_list(&entry.params, text)?;
            match values.as_slice() {
                [single] => self.params.set(&entry.params, &name, single.clone())?,
                _ => {
                    return Err(SimError::SweepInput(format!(
                        "`{text}` gives several values; a single run takes one value per parameter (use `sco sweep` to vary it)"
                    )))
                }
            }
        }
        Ok(())
    }
}

/// Sorts grid axes into the order of the model's parameter list.
pub(crate) fn order_like_specs(
    mut grid: Vec<(String, Vec<Value>)>,
    entry: &ModelEntry,
) -> Vec<(String, Vec<Value>)> {
    grid.sort_by_key(|(name, _)| {
        entry
            .params
            .iter()
            .position(|s| &s.name == name)
            .unwrap_or(usize::MAX)
    });
    grid
}

pub(crate) use sco_location::line_column;

/// The dotted field named on the line holding `offset`: the key before `=`, prefixed by
/// the last `[table]` header above it.
fn field_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[offset..]
        .find('\n')
        .map(|i| offset + i)
        .unwrap_or(text.len());
    let line = text[line_start..line_end].trim();
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_owned());
    let table = text[..line_start].lines().rev().find_map(|l| {
        let l = l.trim();
        (l.starts_with('[') && l.ends_with(']'))
            .then(|| l.trim_matches(|c| c == '[' || c == ']').trim().to_owned())
    });
    match (table, key) {
        (Some(t), Some(k)) if !k.is_empty() => Some(format!("{t}.{k}")),
        (None, Some(k)) if !k.is_empty() => Some(k),
        (Some(t), _) if line.starts_with('[') => Some(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Registry {
        Registry::with_builtin_models()
    }

    fn err(text: &str) -> String {
        Scenario::from_toml_str(&reg(), text, "s.toml", "s")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn reads_a_complete_scenario() {
        let text = "model = \"culture\"\nsteps = 500\n[params]\nfeatures = 10\ntraits = 15\n[collect]\nagents_every = 5\n[sweep]\nruns = 20\ngrid = { width = [5, 10], features = 3 }\n";
        let s = Scenario::from_toml_str(&reg(), text, "s.toml", "axelrod").unwrap();
        assert_eq!(s.name, "axelrod");
        assert_eq!(s.max_steps, 500);
        assert_eq!(s.params.int("traits").unwrap(), 15);
        assert_eq!(s.params.int("width").unwrap(), 10);
        assert_eq!(s.collect.agents_every, 5);
        assert_eq!(s.collect.model_every, 10, "the culture model's own default");
        assert_eq!(s.sweep.runs, Some(20));
        let names: Vec<_> = s.sweep.grid.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["features", "width"]);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        assert_eq!(
            err("model = \"culture\"\n[params]\ntraits = 1\n"),
            "s.toml:3:10: field `params.traits`: parameter `traits`: `1` is not valid, expected an integer from 2 to 1000"
        );
        let unknown = err("model = \"culture\"\n\n[collect]\nevery = 3\n");
        assert!(
            unknown.starts_with("s.toml:4:1: field `collect.every`: unknown field `every`"),
            "{unknown}"
        );
        let wrong_type = err("model = \"culture\"\nsteps = \"many\"\n");
        assert!(
            wrong_type.starts_with("s.toml:2:9: field `steps`: invalid type"),
            "{wrong_type}"
        );
        let no_model = err("model = \"nope\"\n");
        assert!(
            no_model.starts_with("s.toml:1:9: field `model`: no model named `nope`"),
            "{no_model}"
        );
        let unknown_param = err("model = \"schelling\"\n[params]\ncolour = 2\n");
        assert!(
            unknown_param.starts_with("s.toml:3:1: field `params.colour`: unknown parameter"),
            "{unknown_param}"
        );
    }
}
