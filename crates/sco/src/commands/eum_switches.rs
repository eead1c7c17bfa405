//! The open choices of the expected utility model on the command line: `--switch
//! NAME=VALUE` to set one, `--list-switches` to see them all, and `--target CSV` to compare a
//! run with a published table of medians and means.
//!
//! Why here and generic: `EumConfig` in `sco-decide` is plain serde data, so the names and
//! values users type are the field and variant names of that struct, read back through serde.
//! A switch added to the model appears here without CLI changes.

use std::path::Path;

use anyhow::Result;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::Serialize;
use serde_json::{Map, Value};

use sco_decide::eum::{EumConfig, EumRun};

use crate::error::input_error;

/// One switch: its name, the value the Scholz-code preset gives it, and the values it takes
/// (empty for a number).
#[derive(Debug, Clone, Serialize)]
pub struct SwitchInfo {
    pub name: String,
    pub scholz_code: String,
    pub values: Vec<String>,
}

/// `AllPairs` → `all-pairs`.
pub fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.extend(ch.to_lowercase());
        } else {
            out.push(if ch == '_' { '-' } else { ch });
        }
    }
    out
}

/// `all-pairs`, `all_pairs` or `AllPairs` → `AllPairs`.
fn pascal(name: &str) -> String {
    name.split(['-', '_'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The configuration as a JSON object of switch name → value (without `rounds`).
fn as_object(config: &EumConfig) -> Map<String, Value> {
    match serde_json::to_value(config) {
        Ok(Value::Object(mut map)) => {
            map.remove("rounds");
            map
        }
        _ => Map::new(),
    }
}

/// The field names of `EumConfig` in declaration order (serde passes them to
/// `deserialize_struct`).
fn config_fields() -> Vec<&'static str> {
    let mut fields = Vec::new();
    let _ = EumConfig::deserialize(FieldsProbe { found: &mut fields });
    fields
}

/// Every switch of the model, with its values, in the order of `EumConfig`.
pub fn list() -> Vec<SwitchInfo> {
    let preset = as_object(&EumConfig::scholz_code(8));
    config_fields()
        .into_iter()
        .filter_map(|name| preset.get(name).map(|value| (name, value)))
        .map(|(name, value)| SwitchInfo {
            name: kebab(name),
            scholz_code: match value {
                Value::String(s) => kebab(s),
                other => other.to_string(),
            },
            values: variants_of(name)
                .unwrap_or_default()
                .iter()
                .map(|v| kebab(v))
                .collect(),
        })
        .collect()
}

/// The variant names serde expects for the enum field `field` of `EumConfig` (`None` for a
/// field that is not an enum): `EumConfig` is asked to read a struct with only that field,
/// whose value is a deserializer that records the variants it is asked for.
fn variants_of(field: &str) -> Option<Vec<&'static str>> {
    let mut found = None;
    let probe = ConfigProbe {
        field,
        found: &mut found,
    };
    let _ = EumConfig::deserialize(probe);
    found
}

/// Offers `EumConfig` a struct with one field, `field`, whose value is a [`VariantProbe`].
struct ConfigProbe<'a, 'f> {
    field: &'f str,
    found: &'a mut Option<Vec<&'static str>>,
}

impl<'de> Deserializer<'de> for ConfigProbe<'_, '_> {
    type Error = Probed;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Probed> {
        visitor.visit_map(OneField {
            field: Some(self.field),
            found: self.found,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct OneField<'a, 'f> {
    field: Option<&'f str>,
    found: &'a mut Option<Vec<&'static str>>,
}

impl<'de> de::MapAccess<'de> for OneField<'_, '_> {
    type Error = Probed;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Probed> {
        match self.field.take() {
            Some(field) => seed
                .deserialize(de::value::StrDeserializer::<Probed>::new(field))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Probed> {
        seed.deserialize(VariantProbe { found: self.found })
    }
}

/// A deserializer that records the field names of the struct it is asked for.
struct FieldsProbe<'a> {
    found: &'a mut Vec<&'static str>,
}

impl<'de> Deserializer<'de> for FieldsProbe<'_> {
    type Error = Probed;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Probed> {
        Err(Probed)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Probed> {
        self.found.extend_from_slice(fields);
        Err(Probed)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// A deserializer that records the variant names of the enum it is asked for.
struct VariantProbe<'a> {
    found: &'a mut Option<Vec<&'static str>>,
}

#[derive(Debug)]
struct Probed;

impl std::fmt::Display for Probed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("probed")
    }
}

impl std::error::Error for Probed {}

impl de::Error for Probed {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Probed
    }
}

impl<'de> Deserializer<'de> for VariantProbe<'_> {
    type Error = Probed;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Probed> {
        Err(Probed)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Probed> {
        *self.found = Some(variants.to_vec());
        Err(Probed)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// The Scholz-code preset with the user's `NAME=VALUE` switches applied.
pub fn config(rounds: usize, switches: &[String]) -> Result<EumConfig> {
    let mut object = as_object(&EumConfig::scholz_code(rounds));
    for text in switches {
        let (name, value) = text.split_once('=').ok_or_else(|| {
            input_error(format!(
                "--switch `{text}`: expected NAME=VALUE, e.g. probability=pairwise"
            ))
        })?;
        let key = name.trim().replace('-', "_");
        let Some(current) = object.get(&key) else {
            let names: Vec<String> = list().into_iter().map(|s| s.name).collect();
            return Err(input_error(format!(
                "--switch `{text}`: no switch `{}`; the switches are {}",
                name.trim(),
                names.join(", ")
            )));
        };
        let value = value.trim();
        let new_value = if current.is_number() {
            let number: f64 = value.parse().map_err(|_| {
                input_error(format!(
                    "--switch `{text}`: `{value}` is not a number (switch `{}` takes one in 0..=1)",
                    name.trim()
                ))
            })?;
            if !(0.0..=1.0).contains(&number) {
                return Err(input_error(format!(
                    "--switch `{text}`: {number} is outside 0..=1 (switch `{}` is a probability)",
                    name.trim()
                )));
            }
            Value::from(number)
        } else {
            let wanted = pascal(value);
            let allowed = variants_of(&key).unwrap_or_default();
            if !allowed.contains(&wanted.as_str()) {
                let allowed: Vec<String> = allowed.iter().map(|v| kebab(v)).collect();
                return Err(input_error(format!(
                    "--switch `{text}`: `{value}` is not a value of `{}`; expected one of {}",
                    name.trim(),
                    allowed.join(", ")
                )));
            }
            Value::from(wanted)
        };
        object.insert(key, new_value);
    }
    object.insert("rounds".to_owned(), Value::from(rounds));
    serde_json::from_value(Value::Object(object)).map_err(|e| input_error(format!("--switch: {e}")))
}

/// One round of a published table: its median and mean as printed, with their decimals.
#[derive(Debug, Clone)]
pub struct TargetRound {
    pub round: usize,
    pub median: Option<(f64, usize)>,
    pub mean: Option<(f64, usize)>,
}

/// Reads a target table: CSV with a header `round,median,mean` (either value may be empty).
pub fn read_target(path: &Path) -> Result<Vec<TargetRound>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| input_error(format!("{}: cannot read: {e}", path.display())))?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| input_error(format!("{}:1: {e}", path.display())))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(round_at), median_at, mean_at) = (column("round"), column("median"), column("mean"))
    else {
        return Err(input_error(format!(
            "{}:1: the header needs a `round` column and `median` and/or `mean`",
            path.display()
        )));
    };
    if median_at.is_none() && mean_at.is_none() {
        return Err(input_error(format!(
            "{}:1: the header needs a `median` or a `mean` column",
            path.display()
        )));
    }
    let mut rounds = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|e| input_error(format!("{}:{line}: {e}", path.display())))?;
        let field = |at: Option<usize>, name: &str| -> Result<Option<(f64, usize)>> {
            let Some(text) = at.and_then(|i| record.get(i)).filter(|t| !t.is_empty()) else {
                return Ok(None);
            };
            let value: f64 = text.parse().map_err(|_| {
                input_error(format!(
                    "{}:{line}: field `{name}`: `{text}` is not a number",
                    path.display()
                ))
            })?;
            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
            Ok(Some((value, decimals)))
        };
        let round_text = record.get(round_at).unwrap_or("");
        let round: usize = round_text.parse().map_err(|_| {
            input_error(format!(
                "{}:{line}: field `round`: `{round_text}` is not a round number",
                path.display()
            ))
        })?;
        rounds.push(TargetRound {
            round,
            median: field(median_at, "median")?,
            mean: field(mean_at, "mean")?,
        });
    }
    Ok(rounds)
}

/// A model value cut (truncated) to `decimals`, as a printed table might show it.
pub fn cut(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    ((value * scale) + 1e-9).floor() / scale
}

/// A model value rounded to `decimals`.
pub fn rounded(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    (value * scale).round() / scale
}

fn same(a: f64, b: f64, decimals: usize) -> bool {
    (a - b).abs() < 0.5 * 10f64.powi(-(decimals as i32)) * 1e-3
}

/// One compared value.
#[derive(Debug, Clone, Serialize)]
pub struct Compared {
    pub round: usize,
    pub statistic: &'static str,
    pub model: f64,
    pub table: f64,
    /// Decimals the table prints.
    pub decimals: usize,
    pub agrees_cut: bool,
    pub agrees_rounded: bool,
}

/// Compares a run with a target table, value by value (rounds the run does not have are
/// skipped).
pub fn compare(run: &EumRun, target: &[TargetRound]) -> Vec<Compared> {
    let mut out = Vec::new();
    for t in target {
        let Some(r) = run.rounds.iter().find(|r| r.round == t.round) else {
            continue;
        };
        for (statistic, wanted, model) in [("median", t.median, r.median), ("mean", t.mean, r.mean)]
        {
            if let Some((table, decimals)) = wanted {
                out.push(Compared {
                    round: t.round,
                    statistic,
                    model,
                    table,
                    decimals,
                    agrees_cut: same(cut(model, decimals), table, decimals),
                    agrees_rounded: same(rounded(model, decimals), table, decimals),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_are_listed_in_the_order_of_the_config() {
        let names: Vec<String> = list().into_iter().map(|s| s.name).collect();
        assert_eq!(names.first().map(String::as_str), Some("probability"));
        assert_eq!(names.last().map(String::as_str), Some("mean"));
        assert!(!names.iter().any(|n| n == "rounds"));
    }

    #[test]
    fn names_convert_both_ways() {
        assert_eq!(kebab("AllPairs"), "all-pairs");
        assert_eq!(kebab("risk_scope"), "risk-scope");
        assert_eq!(pascal("all-pairs"), "AllPairs");
        assert_eq!(pascal("AllPairs"), "AllPairs");
        assert_eq!(pascal("net_pairwise"), "NetPairwise");
    }

    #[test]
    fn every_enum_switch_lists_its_values() {
        let switches = list();
        let probability = switches.iter().find(|s| s.name == "probability").unwrap();
        assert_eq!(
            probability.values,
            ["all-pairs", "pairwise", "net-pairwise"]
        );
        assert_eq!(probability.scholz_code, "all-pairs");
        let q = switches.iter().find(|s| s.name == "q").unwrap();
        assert!(q.values.is_empty());
        for switch in switches.iter().filter(|s| s.name != "q" && s.name != "t") {
            assert!(switch.values.len() >= 2, "{switch:?}");
            assert!(switch.values.contains(&switch.scholz_code), "{switch:?}");
        }
    }

    #[test]
    fn switches_change_the_preset_and_bad_ones_are_refused() {
        let config = config(8, &["probability=pairwise".into(), "q=0.5".into()]).unwrap();
        assert_eq!(
            config.probability,
            sco_decide::eum::ProbabilityRule::Pairwise
        );
        assert_eq!(config.q, 0.5);
        let error = super::config(8, &["probability=sometimes".into()]).unwrap_err();
        assert!(error
            .to_string()
            .contains("all-pairs, pairwise, net-pairwise"));
        assert!(super::config(8, &["colour=red".into()]).is_err());
        assert!(super::config(8, &["q=2".into()]).is_err());
        assert!(super::config(8, &["probability".into()]).is_err());
    }

    #[test]
    fn cut_and_round_differ_where_they_should() {
        assert_eq!(cut(9.671, 1), 9.6);
        assert_eq!(rounded(9.671, 1), 9.7);
        assert_eq!(cut(7.4, 1), 7.4);
    }
}

/// One combination of switches tried by [`search`].
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The switches that differ from Scholz's code, as `name=value`.
    pub changed: Vec<String>,
    /// Values that agree with the table when the model's are cut / rounded.
    pub agree_cut: usize,
    pub agree_rounded: usize,
    /// The larger of the two.
    pub score: usize,
}

/// What [`search`] found.
#[derive(Debug, Clone, Serialize)]
pub struct SearchOutcome {
    /// Combinations run.
    pub combinations: usize,
    /// Values compared per combination.
    pub compared: usize,
    /// The switches varied, with their values.
    pub varied: Vec<SwitchInfo>,
    /// Every combination, best first (ties: fewer changes first, then generation order).
    pub hits: Vec<Hit>,
}

/// Runs the model under every combination of the enum switches the user did not fix with
/// `--switch` (numbers keep their value) and scores each against the target table.
/// Combinations the model refuses are skipped. The order of the result does not depend on
/// the number of threads.
pub fn search(
    actors: &[sco_decide::IssueActor],
    rounds: usize,
    fixed: &[String],
    target: &[TargetRound],
    progress: &dyn sco_sim::Progress,
) -> Result<SearchOutcome> {
    use rayon::prelude::*;

    // Refuse bad fixed switches before running anything.
    config(rounds, fixed)?;
    let fixed_names: Vec<String> = fixed
        .iter()
        .filter_map(|f| f.split_once('=').map(|(n, _)| n.trim().replace('_', "-")))
        .collect();
    let varied: Vec<SwitchInfo> = list()
        .into_iter()
        .filter(|s| !s.values.is_empty() && !fixed_names.contains(&s.name))
        .collect();
    let mut combinations: Vec<Vec<String>> = vec![Vec::new()];
    for switch in &varied {
        combinations = combinations
            .into_iter()
            .flat_map(|combo| {
                switch.values.iter().map(move |value| {
                    let mut next = combo.clone();
                    next.push(format!("{}={value}", switch.name));
                    next
                })
            })
            .collect();
    }
    let preset = list();
    progress.start(combinations.len() as u64, 0);
    let results: Vec<Option<Hit>> = combinations
        .par_iter()
        .map(|combo| {
            let mut all = fixed.to_vec();
            all.extend(combo.iter().cloned());
            let hit = config(rounds, &all).ok().and_then(|cfg| {
                let run = sco_decide::eum::run(actors, &cfg).ok()?;
                let compared = compare(&run, target);
                let agree_cut = compared.iter().filter(|c| c.agrees_cut).count();
                let agree_rounded = compared.iter().filter(|c| c.agrees_rounded).count();
                let object = as_object(&cfg);
                let changed = preset
                    .iter()
                    .filter_map(|s| {
                        let key = s.name.replace('-', "_");
                        let value = object.get(&key)?;
                        let shown = match value {
                            Value::String(v) => kebab(v),
                            other => other.to_string(),
                        };
                        (shown != s.scholz_code).then(|| format!("{}={shown}", s.name))
                    })
                    .collect();
                Some(Hit {
                    changed,
                    agree_cut,
                    agree_rounded,
                    score: agree_cut.max(agree_rounded),
                })
            });
            progress.advance(1);
            hit
        })
        .collect();
    progress.finish();
    let mut hits: Vec<Hit> = results.into_iter().flatten().collect();
    // Best score first; among equals, fewer changes from Scholz's code first; the stable
    // sort keeps generation order after that.
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.changed.len().cmp(&b.changed.len()))
    });
    Ok(SearchOutcome {
        combinations: combinations.len(),
        compared: compare_len(target),
        varied,
        hits,
    })
}

fn compare_len(target: &[TargetRound]) -> usize {
    target
        .iter()
        .map(|t| usize::from(t.median.is_some()) + usize::from(t.mean.is_some()))
        .sum()
}
