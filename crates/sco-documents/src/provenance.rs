//! What produced a JSON document, carried inside it: the version of SCO Twin and digests of the
//! ledger and the datasets it read.
//!
//! Why: a figure quoted in a paper should say exactly what computed it. HTTP responses carry the
//! same facts in headers and Parquet files in their metadata, but a JSON document saved to disk
//! keeps neither; so every JSON document the command line, the API and Python hand out gets a
//! `provenance` member. Documents that are arrays become `{"items": [...], "provenance": {...}}`,
//! since an array cannot hold a member.
//!
//! The member is added to the serialised text, not to a `serde_json::Value`: serde_json here
//! keeps maps sorted, and a round trip through `Value` would reorder every document's fields.
//! [`attach`] writes exactly what serde_json would have written for the document with one more
//! field (the tests below check this for compact and pretty text).

use serde::Serialize;

/// The version and the digests of what a document was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The version of SCO Twin (`sco version`).
    pub version: String,
    /// SHA-256 over the ledger's files and the country directory (`sha256:...`), or `null` for a
    /// document that does not depend on the ledger.
    pub ledger_digest: Option<String>,
    /// SHA-256 over every embedded dataset (`sha256:...`).
    pub data_digest: String,
}

impl Provenance {
    /// This build's version and embedded data, with the digest of the ledger read, if any.
    pub fn new(ledger_digest: Option<String>) -> Self {
        Provenance {
            version: env!("CARGO_PKG_VERSION").to_string(),
            ledger_digest,
            data_digest: sco_data::embedded::digest().to_string(),
        }
    }
}

/// The member name under which an array document's elements go.
pub const ITEMS: &str = "items";

/// How the document's text was written: `serde_json::to_string` or `to_string_pretty`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Compact,
    Pretty,
}

/// `document` (JSON text as serde_json writes it in `layout`) with a `provenance` member added at
/// the end; an array becomes `{"items": [...], "provenance": ...}` and any other value
/// `{"value": ..., "provenance": ...}`.
pub fn attach(document: &str, provenance: &Provenance, layout: Layout) -> String {
    let text = document.trim_end();
    let pretty = layout == Layout::Pretty;
    let member = if pretty {
        indent(&pretty_json(provenance))
    } else {
        compact_json(provenance)
    };
    match text.as_bytes().first() {
        Some(b'{') => {
            let body = text[..text.len() - 1].trim_end();
            let empty = body[1..].trim().is_empty();
            match (pretty, empty) {
                (true, true) => format!("{{\n  \"provenance\": {member}\n}}"),
                (true, false) => format!("{body},\n  \"provenance\": {member}\n}}"),
                (false, true) => format!("{{\"provenance\":{member}}}"),
                (false, false) => format!("{body},\"provenance\":{member}}}"),
            }
        }
        first => {
            let key = if first == Some(&b'[') { ITEMS } else { "value" };
            if pretty {
                format!(
                    "{{\n  \"{key}\": {},\n  \"provenance\": {member}\n}}",
                    indent(text)
                )
            } else {
                format!("{{\"{key}\":{text},\"provenance\":{member}}}")
            }
        }
    }
}

/// Indents every line after the first by two spaces, for nesting pretty JSON one level deeper
/// (safe: pretty JSON has no raw line breaks inside strings).
fn indent(text: &str) -> String {
    text.replace('\n', "\n  ")
}

fn pretty_json(provenance: &Provenance) -> String {
    // A struct of strings always serialises.
    serde_json::to_string_pretty(provenance).unwrap_or_default()
}

fn compact_json(provenance: &Provenance) -> String {
    serde_json::to_string(provenance).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Document {
        date: &'static str,
        states: Vec<Row>,
        empty: Vec<u8>,
        nested: Option<Row>,
        text: &'static str,
    }

    #[derive(Serialize, Clone)]
    struct Row {
        iso3: &'static str,
        value: f64,
    }

    #[derive(Serialize)]
    struct WithProvenance<'a> {
        date: &'static str,
        states: Vec<Row>,
        empty: Vec<u8>,
        nested: Option<Row>,
        text: &'static str,
        provenance: &'a Provenance,
    }

    #[derive(Serialize)]
    struct Wrapped<'a, T: Serialize> {
        items: T,
        provenance: &'a Provenance,
    }

    #[derive(Serialize)]
    struct Nothing {}

    #[derive(Serialize)]
    struct OnlyProvenance<'a> {
        provenance: &'a Provenance,
    }

    fn provenance() -> Provenance {
        Provenance {
            version: "0.1.0".into(),
            ledger_digest: Some("sha256:ab".into()),
            data_digest: "sha256:cd".into(),
        }
    }

    fn rows() -> Vec<Row> {
        vec![
            Row {
                iso3: "IND",
                value: 0.5,
            },
            Row {
                iso3: "PAK",
                value: -1.25,
            },
        ]
    }

    #[test]
    fn an_object_gains_a_last_member_exactly_as_serde_would_write_it() {
        let p = provenance();
        let document = Document {
            date: "2017-06-09",
            states: rows(),
            empty: vec![],
            nested: rows().pop(),
            text: "a line\nand a } brace",
        };
        let expected = WithProvenance {
            date: document.date,
            states: document.states.clone(),
            empty: vec![],
            nested: document.nested.clone(),
            text: document.text,
            provenance: &p,
        };
        assert_eq!(
            attach(
                &serde_json::to_string_pretty(&document).unwrap(),
                &p,
                Layout::Pretty
            ),
            serde_json::to_string_pretty(&expected).unwrap()
        );
        assert_eq!(
            attach(
                &serde_json::to_string(&document).unwrap(),
                &p,
                Layout::Compact
            ),
            serde_json::to_string(&expected).unwrap()
        );
    }

    #[test]
    fn an_array_goes_under_items() {
        let p = provenance();
        for list in [rows(), vec![]] {
            let expected = Wrapped {
                items: list.clone(),
                provenance: &p,
            };
            assert_eq!(
                attach(
                    &serde_json::to_string_pretty(&list).unwrap(),
                    &p,
                    Layout::Pretty
                ),
                serde_json::to_string_pretty(&expected).unwrap()
            );
            assert_eq!(
                attach(&serde_json::to_string(&list).unwrap(), &p, Layout::Compact),
                serde_json::to_string(&expected).unwrap()
            );
        }
    }

    #[test]
    fn an_empty_object_and_a_scalar_still_parse() {
        let p = provenance();
        let only = OnlyProvenance { provenance: &p };
        assert_eq!(
            attach(
                &serde_json::to_string(&Nothing {}).unwrap(),
                &p,
                Layout::Compact
            ),
            serde_json::to_string(&only).unwrap()
        );
        let pretty = attach(
            &serde_json::to_string_pretty(&Nothing {}).unwrap(),
            &p,
            Layout::Pretty,
        );
        assert_eq!(pretty, serde_json::to_string_pretty(&only).unwrap());
        let scalar: serde_json::Value =
            serde_json::from_str(&attach("42", &p, Layout::Compact)).unwrap();
        assert_eq!(scalar["value"], 42);
        assert_eq!(scalar["provenance"]["data_digest"], "sha256:cd");
    }

    #[test]
    fn a_document_without_a_ledger_says_so() {
        let p = Provenance::new(None);
        let text = attach("{}", &p, Layout::Pretty);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(value["provenance"]["ledger_digest"].is_null());
        assert_eq!(value["provenance"]["version"], env!("CARGO_PKG_VERSION"));
        assert!(value["provenance"]["data_digest"]
            .as_str()
            .unwrap()
            .starts_with("sha256:"));
    }
}
