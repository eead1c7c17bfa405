//! SMP scenarios and KTAB's CSV scenario format.
//!
//! A scenario is a set of actors, each with a capability (influence) and, on
//! every dimension, a position and a salience on a 0–100 scale. KTAB's CSV
//! format (read by `SMPModel::csvRead`, `examples/smp/libsrc/smpread.cpp`) is:
//! a first line with scenario name, description, number of actors and number
//! of dimensions; a header line; then one line per actor with name,
//! description, capability, and a position and a salience per dimension.
//! Fields are trimmed of blanks and of surrounding double quotes; trailing
//! empty fields (from trailing commas) are ignored.
//!
//! KTAB asserts or exits quietly on broken input; this loader instead
//! returns an error naming the file, the line, the field and the problem.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// KTAB's limits on the number of actors (`Model::minNumActor`, `Model::maxNumActor`).
pub const MIN_ACTORS: usize = 3;
pub const MAX_ACTORS: usize = 250;
/// Most dimensions in a scenario (KTAB's examples have one to three).
pub const MAX_DIMENSIONS: usize = 100;
/// The largest scenario file read (16 MiB); a longer one, or an endless stream such as
/// `/dev/zero`, is refused after reading that much.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One actor as given in the input, on the input's 0–100 scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorSpec {
    pub name: String,
    pub description: String,
    /// Capability (KTAB "Influence" or "Power"); must be positive.
    pub capability: f64,
    /// Position per dimension, 0–100.
    pub position: Vec<f64>,
    /// Salience per dimension, 0–100; the total over dimensions is at most 100 and positive.
    pub salience: Vec<f64>,
}

/// A complete SMP input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub dimensions: Vec<String>,
    pub actors: Vec<ActorSpec>,
}

/// What is wrong with an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    MissingField,
    NotANumber,
    OutOfRange,
    DuplicateActor,
    WrongCount,
    Empty,
}

/// Where an input problem is: file (if any), 1-based line and 1-based field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputLocation {
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub field: Option<usize>,
}

impl fmt::Display for InputLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self
            .file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<scenario>".to_string());
        write!(f, "{file}")?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = self.field {
            write!(f, ", field {field}")?;
        }
        Ok(())
    }
}

/// Errors from reading or validating a scenario.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{location}: {message}")]
    Invalid {
        location: InputLocation,
        kind: ProblemKind,
        message: String,
    },
}

impl ScenarioError {
    /// The kind of problem, for `Invalid` errors.
    pub fn kind(&self) -> Option<&ProblemKind> {
        match self {
            ScenarioError::Io { .. } => None,
            ScenarioError::Invalid { kind, .. } => Some(kind),
        }
    }
}

struct Reader<'a> {
    file: Option<&'a Path>,
}

impl Reader<'_> {
    fn err(
        &self,
        line: Option<usize>,
        field: Option<usize>,
        kind: ProblemKind,
        message: String,
    ) -> ScenarioError {
        ScenarioError::Invalid {
            location: InputLocation {
                file: self.file.map(Path::to_path_buf),
                line,
                field,
            },
            kind,
            message,
        }
    }

    fn field<'f>(
        &self,
        fields: &'f [String],
        line: usize,
        index: usize,
        what: &str,
    ) -> Result<&'f str, ScenarioError> {
        fields.get(index).map(String::as_str).ok_or_else(|| {
            self.err(
                Some(line),
                Some(index + 1),
                ProblemKind::MissingField,
                format!("missing column {} ({what})", index + 1),
            )
        })
    }

    fn number(
        &self,
        fields: &[String],
        line: usize,
        index: usize,
        what: &str,
    ) -> Result<f64, ScenarioError> {
        let text = self.field(fields, line, index, what)?;
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => Err(self.err(
                Some(line),
                Some(index + 1),
                ProblemKind::NotANumber,
                format!("{what} is not a number: {text:?}"),
            )),
        }
    }

    fn count(
        &self,
        fields: &[String],
        line: usize,
        index: usize,
        what: &str,
    ) -> Result<usize, ScenarioError> {
        let text = self.field(fields, line, index, what)?;
        text.parse::<usize>().map_err(|_| {
            self.err(
                Some(line),
                Some(index + 1),
                ProblemKind::NotANumber,
                format!("{what} is not a whole number: {text:?}"),
            )
        })
    }
}

/// Splits one CSV line on commas, honouring double quotes, trimming blanks and quotes.
fn split_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    for c in line.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => fields.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    fields.push(current);
    let mut fields: Vec<String> = fields.into_iter().map(|f| f.trim().to_string()).collect();
    while fields.last().is_some_and(|f| f.is_empty()) {
        fields.pop();
    }
    fields
}

impl Scenario {
    /// Reads a scenario from a KTAB CSV file.
    pub fn from_csv_path(path: impl AsRef<Path>) -> Result<Self, ScenarioError> {
        let path = path.as_ref();
        let text = read_bounded(path).map_err(|source| ScenarioError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        parse_csv(&text, Some(path))
    }

    /// Reads a scenario from KTAB CSV text (errors carry no file name).
    pub fn from_csv_str(text: &str) -> Result<Self, ScenarioError> {
        parse_csv(text, None)
    }

    /// Number of actors.
    pub fn num_actors(&self) -> usize {
        self.actors.len()
    }

    /// Number of dimensions.
    pub fn num_dimensions(&self) -> usize {
        self.dimensions.len()
    }

    /// Checks the constraints KTAB's reader and model rely on.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let reader = Reader { file: None };
        let nd = self.dimensions.len();
        if nd == 0 {
            return Err(reader.err(
                None,
                None,
                ProblemKind::OutOfRange,
                "a scenario needs at least one dimension".into(),
            ));
        }
        if !(MIN_ACTORS..=MAX_ACTORS).contains(&self.actors.len()) {
            return Err(reader.err(
                None,
                None,
                ProblemKind::WrongCount,
                format!(
                    "{} actors given; KTAB's SMP needs between {MIN_ACTORS} and {MAX_ACTORS}",
                    self.actors.len()
                ),
            ));
        }
        let mut seen = HashMap::new();
        for (i, a) in self.actors.iter().enumerate() {
            if let Some(first) = seen.insert(a.name.as_str(), i) {
                return Err(reader.err(
                    None,
                    None,
                    ProblemKind::DuplicateActor,
                    format!(
                        "actor {:?} appears twice (actors {} and {})",
                        a.name,
                        first + 1,
                        i + 1
                    ),
                ));
            }
            check_actor(&reader, a, nd, None)?;
        }
        Ok(())
    }
}

fn check_actor(
    reader: &Reader<'_>,
    a: &ActorSpec,
    nd: usize,
    line: Option<usize>,
) -> Result<(), ScenarioError> {
    let bad = |field: usize, kind: ProblemKind, message: String| {
        Err(reader.err(line, line.map(|_| field), kind, message))
    };
    if a.name.is_empty() {
        return bad(1, ProblemKind::Empty, "actor name is empty".into());
    }
    if a.position.len() != nd || a.salience.len() != nd {
        return bad(
            4,
            ProblemKind::WrongCount,
            format!(
                "actor {:?} has {} positions and {} saliences for {nd} dimensions",
                a.name,
                a.position.len(),
                a.salience.len()
            ),
        );
    }
    if !(a.capability.is_finite() && a.capability > 0.0 && a.capability < 1e8) {
        return bad(
            3,
            ProblemKind::OutOfRange,
            format!(
                "capability of actor {:?} is {}; it must be positive (and below 1e8)",
                a.name, a.capability
            ),
        );
    }
    let mut total = 0.0;
    for d in 0..nd {
        let (p, s) = (a.position[d], a.salience[d]);
        if !(0.0..=100.0).contains(&p) {
            return bad(
                4 + 2 * d,
                ProblemKind::OutOfRange,
                format!(
                    "position of actor {:?} on dimension {} is {p}; it must be within 0..100",
                    a.name,
                    d + 1
                ),
            );
        }
        if !(0.0..=100.0).contains(&s) {
            return bad(
                5 + 2 * d,
                ProblemKind::OutOfRange,
                format!(
                    "salience of actor {:?} on dimension {} is {s}; it must be within 0..100",
                    a.name,
                    d + 1
                ),
            );
        }
        total += s;
        if total > 100.0 {
            return bad(
                5 + 2 * d,
                ProblemKind::OutOfRange,
                format!(
                    "total salience of actor {:?} reaches {total} by dimension {}; it must not exceed 100",
                    a.name,
                    d + 1
                ),
            );
        }
    }
    if total <= 0.0 {
        return bad(
            5,
            ProblemKind::OutOfRange,
            format!(
                "actor {:?} has zero salience on every dimension; KTAB's utilities need a positive total",
                a.name
            ),
        );
    }
    Ok(())
}

/// Reads at most [`MAX_FILE_BYTES`] of UTF-8 text; more is an error of kind `FileTooLarge`.
fn read_bounded(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "the file is larger than {} MiB, the most a scenario may have",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn parse_csv(text: &str, file: Option<&Path>) -> Result<Scenario, ScenarioError> {
    let reader = Reader { file };
    // (1-based line number, fields) of every non-blank line
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, split_fields(l.trim_start_matches('\u{feff}'))))
        .filter(|(_, f)| !f.is_empty());

    let (l1, head) = lines.next().ok_or_else(|| {
        reader.err(
            None,
            None,
            ProblemKind::Empty,
            "the file is empty; expected a first line with scenario name, description, number of actors, number of dimensions".into(),
        )
    })?;
    let name = reader.field(&head, l1, 0, "scenario name")?.to_string();
    let description = reader
        .field(&head, l1, 1, "scenario description")?
        .to_string();
    let num_actors = reader.count(&head, l1, 2, "number of actors")?;
    let num_dims = reader.count(&head, l1, 3, "number of dimensions")?;
    if !(1..=MAX_DIMENSIONS).contains(&num_dims) {
        return Err(reader.err(
            Some(l1),
            Some(4),
            ProblemKind::OutOfRange,
            format!(
                "number of dimensions is {num_dims}; it must be between 1 and {MAX_DIMENSIONS}"
            ),
        ));
    }
    if !(MIN_ACTORS..=MAX_ACTORS).contains(&num_actors) {
        return Err(reader.err(
            Some(l1),
            Some(3),
            ProblemKind::OutOfRange,
            format!("number of actors is {num_actors}; KTAB's SMP needs between {MIN_ACTORS} and {MAX_ACTORS}"),
        ));
    }

    let (l2, header) = lines.next().ok_or_else(|| {
        reader.err(
            Some(l1 + 1),
            None,
            ProblemKind::MissingField,
            "missing header line (Actor, Description, Influence, then position and salience per dimension)".into(),
        )
    })?;
    let mut dimensions = Vec::with_capacity(num_dims);
    for d in 0..num_dims {
        let dim = reader.field(
            &header,
            l2,
            3 + 2 * d,
            &format!("position header of dimension {}", d + 1),
        )?;
        reader.field(
            &header,
            l2,
            4 + 2 * d,
            &format!("salience header of dimension {}", d + 1),
        )?;
        dimensions.push(dim.to_string());
    }

    let expected_fields = 3 + 2 * num_dims;
    let mut actors: Vec<ActorSpec> = Vec::with_capacity(num_actors);
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    let mut last_line = l2;
    for (line, fields) in lines {
        last_line = line;
        if actors.len() == num_actors {
            return Err(reader.err(
                Some(line),
                None,
                ProblemKind::WrongCount,
                format!("more actor rows than the {num_actors} declared on line {l1}"),
            ));
        }
        if fields.len() > expected_fields {
            return Err(reader.err(
                Some(line),
                Some(expected_fields + 1),
                ProblemKind::WrongCount,
                format!(
                    "{} columns but {num_dims} dimension(s) allow {expected_fields} (name, description, influence, position and salience per dimension)",
                    fields.len()
                ),
            ));
        }
        let aname = reader.field(&fields, line, 0, "actor name")?.to_string();
        if aname.is_empty() {
            return Err(reader.err(
                Some(line),
                Some(1),
                ProblemKind::Empty,
                "actor name is empty".into(),
            ));
        }
        if let Some(first) = first_line_of.get(&aname) {
            return Err(reader.err(
                Some(line),
                Some(1),
                ProblemKind::DuplicateActor,
                format!("actor {aname:?} already defined on line {first}"),
            ));
        }
        first_line_of.insert(aname.clone(), line);
        let adesc = fields.get(1).cloned().unwrap_or_default();
        let capability = reader.number(&fields, line, 2, "influence")?;
        let mut position = Vec::with_capacity(num_dims);
        let mut salience = Vec::with_capacity(num_dims);
        for d in 0..num_dims {
            position.push(reader.number(
                &fields,
                line,
                3 + 2 * d,
                &format!("position on dimension {}", d + 1),
            )?);
            salience.push(reader.number(
                &fields,
                line,
                4 + 2 * d,
                &format!("salience on dimension {}", d + 1),
            )?);
        }
        let actor = ActorSpec {
            name: aname,
            description: adesc,
            capability,
            position,
            salience,
        };
        check_actor(&reader, &actor, num_dims, Some(line))?;
        actors.push(actor);
    }
    if actors.len() != num_actors {
        return Err(reader.err(
            Some(last_line),
            None,
            ProblemKind::WrongCount,
            format!(
                "line {l1} declares {num_actors} actors but the file has {} actor rows",
                actors.len()
            ),
        ));
    }
    Ok(Scenario {
        name,
        description,
        dimensions,
        actors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "Scen, \"A test\", 3, 1,\nActor,Desc,Power,Pos,Sal,\nA,a,10,20,50,\nB,b,20,40,60,\nC,c,30,80,70,\n";

    #[test]
    fn reads_a_well_formed_scenario() {
        let s = Scenario::from_csv_str(GOOD).unwrap();
        assert_eq!(s.name, "Scen");
        assert_eq!(s.description, "A test");
        assert_eq!(s.dimensions, vec!["Pos"]);
        assert_eq!(s.actors.len(), 3);
        assert_eq!(s.actors[2].position, vec![80.0]);
        assert_eq!(s.actors[1].salience, vec![60.0]);
        s.validate().unwrap();
    }

    fn kind_of(text: &str) -> (ProblemKind, String) {
        let e = Scenario::from_csv_str(text).unwrap_err();
        (e.kind().cloned().unwrap(), e.to_string())
    }

    #[test]
    fn rejects_out_of_range_salience_with_line_and_field() {
        let (k, msg) = kind_of(&GOOD.replace("B,b,20,40,60", "B,b,20,40,160"));
        assert_eq!(k, ProblemKind::OutOfRange);
        assert!(msg.contains("line 4, field 5"), "{msg}");
    }

    #[test]
    fn rejects_duplicates_non_numbers_and_wrong_counts() {
        assert_eq!(
            kind_of(&GOOD.replace("C,c", "A,c")).0,
            ProblemKind::DuplicateActor
        );
        assert_eq!(
            kind_of(&GOOD.replace("20,40", "twenty,40")).0,
            ProblemKind::NotANumber
        );
        assert_eq!(
            kind_of(&GOOD.replace(" 3, 1,", " 4, 1,")).0,
            ProblemKind::WrongCount
        );
        assert_eq!(
            kind_of(&GOOD.replace("C,c,30,80,70,", "C,c,30,80")).0,
            ProblemKind::MissingField
        );
        assert_eq!(
            kind_of(&GOOD.replace("C,c,30,80,70,", "C,c,30,80,70,5")).0,
            ProblemKind::WrongCount
        );
        assert_eq!(kind_of("").0, ProblemKind::Empty);
    }

    #[test]
    fn rejects_zero_capability_and_zero_total_salience() {
        assert_eq!(
            kind_of(&GOOD.replace("A,a,10", "A,a,0")).0,
            ProblemKind::OutOfRange
        );
        assert_eq!(
            kind_of(&GOOD.replace("A,a,10,20,50", "A,a,10,20,0")).0,
            ProblemKind::OutOfRange
        );
    }
}
