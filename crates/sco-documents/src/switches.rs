//! Open choices of a model, read through serde: `NAME=VALUE` switches set them, a listing
//! shows them all with the preset's values.
//!
//! Why generic: a model's configuration in the library crates is plain serde data (a
//! struct of enums and numbers). The names users type are its field and variant names in
//! kebab-case; serde tells us which fields and variants exist, so a switch added to a
//! model appears on the command line and in the Python bindings without changes there.
//! Why here: the CLI (`--switch`) and the Python bindings (keyword switches) accept the
//! same names and values and refuse bad ones with the same messages.

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, Visitor};
use serde::Serialize;
use serde_json::{Map, Value};
use thiserror::Error;

/// A switch that cannot be applied. The messages name the switch as the user wrote it.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SwitchError {
    /// Not of the form `NAME=VALUE`.
    #[error("--switch `{text}`: expected NAME=VALUE")]
    NotNameValue { text: String },
    /// No switch of that name.
    #[error("--switch `{text}`: no switch `{name}`; the switches are {}", .switches.join(", "))]
    UnknownSwitch {
        text: String,
        name: String,
        switches: Vec<String>,
    },
    /// A numeric switch given something that is not a number.
    #[error("--switch `{text}`: `{value}` is not a number (switch `{name}` takes one in {low}..={high})")]
    NotANumber {
        text: String,
        name: String,
        value: String,
        low: f64,
        high: f64,
    },
    /// A number outside the switch's range.
    #[error("--switch `{text}`: {number} is outside {low}..={high}")]
    OutOfRange {
        text: String,
        number: f64,
        low: f64,
        high: f64,
    },
    /// A value that is none of the switch's values.
    #[error("--switch `{text}`: `{value}` is not a value of `{name}`; expected one of {}", .values.join(", "))]
    UnknownValue {
        text: String,
        name: String,
        value: String,
        values: Vec<String>,
    },
    /// The configuration refused the switched values.
    #[error("--switch: {0}")]
    Refused(String),
}

/// One switch: its name, the preset's value, and the values it takes (empty for a number).
#[derive(Debug, Clone, Serialize)]
pub struct SwitchInfo {
    pub name: String,
    pub preset: String,
    pub values: Vec<String>,
    /// For a number: the allowed range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<(f64, f64)>,
}

/// The switches of one configuration type, around a preset.
pub struct Switchboard {
    preset: Map<String, Value>,
    /// Enum fields with their variants, and numeric switches with their ranges, in the
    /// order the configuration declares its fields.
    switches: Vec<(String, Kind)>,
}

#[derive(Debug, Clone)]
enum Kind {
    Variants(Vec<&'static str>),
    Number(f64, f64),
}

impl Switchboard {
    /// The switchboard of `T` around `preset`: every enum field is a switch; of the numeric
    /// fields, only those named in `numbers` (with their allowed range).
    pub fn new<T>(preset: &T, numbers: &[(&str, f64, f64)]) -> Switchboard
    where
        T: Serialize + DeserializeOwned,
    {
        let preset = match serde_json::to_value(preset) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        let mut switches = Vec::new();
        for field in fields_of::<T>() {
            if let Some(variants) = variants_of::<T>(field) {
                switches.push((field.to_owned(), Kind::Variants(variants)));
            } else if let Some((_, low, high)) = numbers.iter().find(|(n, _, _)| *n == field) {
                switches.push((field.to_owned(), Kind::Number(*low, *high)));
            }
        }
        Switchboard { preset, switches }
    }

    /// Every switch, with the preset's value and the values it takes.
    pub fn list(&self) -> Vec<SwitchInfo> {
        self.switches
            .iter()
            .map(|(field, kind)| SwitchInfo {
                name: kebab(field),
                preset: self.preset.get(field).map(shown).unwrap_or_default(),
                values: match kind {
                    Kind::Variants(v) => v.iter().map(|v| kebab(v)).collect(),
                    Kind::Number(..) => Vec::new(),
                },
                range: match kind {
                    Kind::Number(low, high) => Some((*low, *high)),
                    Kind::Variants(_) => None,
                },
            })
            .collect()
    }

    /// The preset with `NAME=VALUE` switches applied.
    pub fn apply<T: DeserializeOwned>(&self, switches: &[String]) -> Result<T, SwitchError> {
        let mut object = self.preset.clone();
        for text in switches {
            let (name, value) = text
                .split_once('=')
                .ok_or_else(|| SwitchError::NotNameValue { text: text.clone() })?;
            let (name, value) = (name.trim(), value.trim());
            let field = name.replace('-', "_");
            let Some((_, kind)) = self.switches.iter().find(|(f, _)| *f == field) else {
                return Err(SwitchError::UnknownSwitch {
                    text: text.clone(),
                    name: name.to_owned(),
                    switches: self.switches.iter().map(|(f, _)| kebab(f)).collect(),
                });
            };
            let new_value = match kind {
                Kind::Number(low, high) => {
                    let (low, high) = (*low, *high);
                    let number: f64 = value.parse().map_err(|_| SwitchError::NotANumber {
                        text: text.clone(),
                        name: name.to_owned(),
                        value: value.to_owned(),
                        low,
                        high,
                    })?;
                    if !(low..=high).contains(&number) {
                        return Err(SwitchError::OutOfRange {
                            text: text.clone(),
                            number,
                            low,
                            high,
                        });
                    }
                    Value::from(number)
                }
                Kind::Variants(variants) => {
                    // Matched without regard to case or dashes (`s2p2` is `S2P2`).
                    let wanted = pascal(value);
                    let Some(variant) = variants.iter().find(|v| v.eq_ignore_ascii_case(&wanted))
                    else {
                        return Err(SwitchError::UnknownValue {
                            text: text.clone(),
                            name: name.to_owned(),
                            value: value.to_owned(),
                            values: variants.iter().map(|v| kebab(v)).collect(),
                        });
                    };
                    Value::from(*variant)
                }
            };
            object.insert(field, new_value);
        }
        serde_json::from_value(Value::Object(object))
            .map_err(|e| SwitchError::Refused(e.to_string()))
    }

    /// The preset with `(name, value)` switches applied, as [`Switchboard::apply`] would
    /// apply `name=value`; underscores in a name read as dashes (a Python keyword
    /// `voting_rule` is the switch `voting-rule`).
    pub fn apply_pairs<T: DeserializeOwned>(
        &self,
        pairs: &[(String, String)],
    ) -> Result<T, SwitchError> {
        let texts: Vec<String> = pairs
            .iter()
            .map(|(name, value)| format!("{}={value}", name.trim().replace('_', "-")))
            .collect();
        self.apply(&texts)
    }

    /// The switches on which `config` differs from the preset, as `name=value`.
    pub fn changes<T: Serialize>(&self, config: &T) -> Vec<String> {
        let Ok(Value::Object(object)) = serde_json::to_value(config) else {
            return Vec::new();
        };
        self.switches
            .iter()
            .filter(|(field, _)| object.get(field) != self.preset.get(field))
            .filter_map(|(field, _)| {
                object
                    .get(field)
                    .map(|v| format!("{}={}", kebab(field), shown(v)))
            })
            .collect()
    }

    /// Every combination of the enum switches not named in `fixed`, as `name=value` lists
    /// (declaration order; the first switch varies slowest), with the switches varied.
    pub fn combinations(&self, fixed: &[String]) -> (Vec<SwitchInfo>, Vec<Vec<String>>) {
        let fixed_names: Vec<String> = fixed
            .iter()
            .filter_map(|f| f.split_once('=').map(|(n, _)| n.trim().replace('_', "-")))
            .collect();
        let varied: Vec<SwitchInfo> = self
            .list()
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
        (varied, combinations)
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => kebab(s),
        other => other.to_string(),
    }
}

/// `AllPairs` → `all-pairs`, `risk_scope` → `risk-scope`; capitals and digits that run
/// together stay together (`S2P2` → `s2p2`, `ASymProsp` → `a-sym-prosp`).
pub fn kebab(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &ch) in chars.iter().enumerate() {
        if ch == '_' {
            out.push('-');
            continue;
        }
        if ch.is_uppercase() && i > 0 {
            let previous = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|c| c.is_lowercase());
            if previous.is_lowercase() || (previous.is_uppercase() && next_is_lower) {
                out.push('-');
            }
        }
        out.extend(ch.to_lowercase());
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

/// The field names of `T` in declaration order (serde passes them to `deserialize_struct`).
fn fields_of<'de, T: Deserialize<'de>>() -> Vec<&'static str> {
    let mut fields = None;
    let _ = T::deserialize(NamesProbe {
        wanted: Names::Fields,
        found: &mut fields,
    });
    fields.unwrap_or_default()
}

/// The variant names serde expects for the enum field `field` of `T` (`None` for a field
/// that is not an enum): `T` is asked to read a struct with only that field, whose value is
/// a deserializer that records the variants it is asked for.
fn variants_of<'de, T: Deserialize<'de>>(field: &str) -> Option<Vec<&'static str>> {
    let mut found = None;
    let probe = ConfigProbe {
        field,
        found: &mut found,
    };
    let _ = T::deserialize(probe);
    found
}

/// Offers a struct with one field, `field`, whose value is a [`NamesProbe`] for variants.
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
        seed.deserialize(NamesProbe {
            wanted: Names::Variants,
            found: self.found,
        })
    }
}

/// Which names a [`NamesProbe`] records.
#[derive(Clone, Copy, PartialEq)]
enum Names {
    Fields,
    Variants,
}

/// A deserializer that records the names serde offers it when asked for a struct (its
/// fields) or an enum (its variants), whichever is `wanted`, and then refuses.
struct NamesProbe<'a> {
    wanted: Names,
    found: &'a mut Option<Vec<&'static str>>,
}

impl NamesProbe<'_> {
    fn record(self, wanted: Names, names: &'static [&'static str]) -> Probed {
        if self.wanted == wanted {
            *self.found = Some(names.to_vec());
        }
        Probed
    }
}

impl<'de> Deserializer<'de> for NamesProbe<'_> {
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
        Err(self.record(Names::Fields, fields))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Probed> {
        Err(self.record(Names::Variants, variants))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map identifier ignored_any
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_convert_both_ways() {
        assert_eq!(kebab("AllPairs"), "all-pairs");
        assert_eq!(kebab("risk_scope"), "risk-scope");
        assert_eq!(kebab("S2P2"), "s2p2");
        assert_eq!(kebab("PropCbc"), "prop-cbc");
        assert_eq!(kebab("ASymProsp"), "a-sym-prosp");
        assert_eq!(pascal("all-pairs"), "AllPairs");
        assert_eq!(pascal("AllPairs"), "AllPairs");
        assert_eq!(pascal("net_pairwise"), "NetPairwise");
    }

    #[derive(Serialize, serde::Deserialize, Debug, PartialEq)]
    enum Colour {
        DeepRed,
        Blue,
    }

    #[derive(Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Config {
        size: usize,
        colour: Colour,
        share: f64,
    }

    #[test]
    fn a_switchboard_lists_applies_and_refuses() {
        let preset = Config {
            size: 3,
            colour: Colour::Blue,
            share: 0.5,
        };
        let board = Switchboard::new(&preset, &[("share", 0.0, 1.0)]);
        let names: Vec<String> = board.list().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["colour", "share"]);
        assert_eq!(board.list()[0].values, ["deep-red", "blue"]);
        let config: Config = board
            .apply(&["colour=deep-red".into(), "share=0.25".into()])
            .unwrap();
        assert_eq!(config.colour, Colour::DeepRed);
        assert_eq!(config.share, 0.25);
        assert_eq!(config.size, 3);
        assert_eq!(board.changes(&config), ["colour=deep-red", "share=0.25"]);
        let error = board.apply::<Config>(&["colour=green".into()]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "--switch `colour=green`: `green` is not a value of `colour`; expected one of deep-red, blue"
        );
        let by_keyword: Config = board
            .apply_pairs(&[("colour".into(), "DeepRed".into())])
            .unwrap();
        assert_eq!(by_keyword.colour, Colour::DeepRed);
        assert_eq!(
            board
                .apply_pairs::<Config>(&[("share".into(), "2".into())])
                .unwrap_err()
                .to_string(),
            "--switch `share=2`: 2 is outside 0..=1"
        );
        assert!(board.apply::<Config>(&["size=4".into()]).is_err());
        assert!(board.apply::<Config>(&["share=2".into()]).is_err());
        assert!(board.apply::<Config>(&["colour".into()]).is_err());
        let (varied, combos) = board.combinations(&[]);
        assert_eq!(varied.len(), 1);
        assert_eq!(
            combos,
            [
                vec!["colour=deep-red".to_owned()],
                vec!["colour=blue".to_owned()]
            ]
        );
    }
}
