//! Readers: the three formats load, and bad input is reported with file, line and field.

use std::path::Path;

use sco_decide::compromise::compromise;
use sco_decide::load::{load_path, parse_str, Format};
use sco_decide::{DecideError, Problem};

fn fixture(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

#[test]
fn eum_csv_loads() {
    let p = load_path(&fixture("eum/eu-emissions-1994.csv")).unwrap();
    assert_eq!(p.actors.len(), 10);
    assert_eq!(p.dimensions.len(), 1);
    assert_eq!((p.dimensions[0].min, p.dimensions[0].max), (4.0, 10.0));
    let uk = &p.actors[p.actor_index("UK").unwrap()];
    assert_eq!(uk.capability, 0.16);
    assert_eq!(uk.stance(0).unwrap().salience, 0.9);
    // The compromise (capability x salience weighted mean) of the example.
    let c = compromise(&p);
    assert!((c[0].position.unwrap() - 7.389955686853767).abs() < 1e-12);
}

#[test]
fn decide_csv_loads_as_it_is() {
    let p = load_path(&fixture("exchange/cop21.csv")).unwrap();
    assert_eq!(p.actors.len(), 15);
    assert_eq!(p.dimensions.len(), 13);
    assert_eq!(p.dimensions[0].name, "differentiation");
    assert_eq!((p.dimensions[0].min, p.dimensions[0].max), (0.0, 100.0));
    // Seven actors take no stance on amb2050.
    let amb = p.dimension_index("amb2050").unwrap();
    assert_eq!(p.issue(amb).len(), 8);
    let usa = &p.actors[p.actor_index("USA").unwrap()];
    assert_eq!(usa.capability, 1.0);
    assert_eq!(
        usa.stance(p.dimension_index("legal").unwrap())
            .unwrap()
            .salience,
        1.0
    );
}

const CASE: &str = r#"name = "toy"
source = "made up for the test"

[[dimensions]]
name = "years"
min = 0
max = 10
status_quo = 4

[[actors]]
name = "A"
capability = 0.5
position = { years = 6 }
salience = { years = 0.8 }

[[actors]]
name = "B"
capability = 0.5
position = { years = 9 }
salience = { years = 0.4 }
"#;

#[test]
fn toml_case_loads() {
    let p = parse_str(CASE, "toy.toml", Format::Toml).unwrap();
    assert_eq!(p.name, "toy");
    assert_eq!(p.status_quo, Some(vec![4.0]));
    assert_eq!(p.actors[1].stance(0).unwrap().position, 9.0);
}

fn error(text: &str, label: &str, format: Format) -> sco_decide::LoadError {
    parse_str(text, label, format).unwrap_err()
}

#[test]
fn toml_errors_name_line_and_field() {
    let bad = CASE.replace("salience = { years = 0.4 }", "salience = { years = 1.4 }");
    let e = error(&bad, "toy.toml", Format::Toml);
    assert_eq!(e.problem, Problem::SalienceOutOfRange { value: 1.4 });
    assert_eq!(e.line, Some(20));
    assert_eq!(
        e.to_string(),
        "toy.toml:20: field `salience.years`: salience 1.4 is outside 0..=1"
    );

    let dup = CASE.replace("name = \"B\"", "name = \"A\"");
    let e = error(&dup, "toy.toml", Format::Toml);
    assert_eq!(
        e.problem,
        Problem::DuplicateActor {
            name: "A".into(),
            first_line: 11
        }
    );
    assert_eq!(e.line, Some(17));

    let nan = CASE.replace(
        "capability = 0.5\nposition = { years = 9 }",
        "capability = \"lots\"\nposition = { years = 9 }",
    );
    let e = error(&nan, "toy.toml", Format::Toml);
    assert!(matches!(e.problem, Problem::Syntax { .. }));
    assert_eq!(e.line, Some(18));
}

#[test]
fn actor_csv_errors_name_line_and_field() {
    let e = error(
        "Actor,Capability,Position\nA,1,2\n",
        "x.csv",
        Format::ActorCsv,
    );
    assert_eq!(
        e.problem,
        Problem::MissingColumn {
            column: "Salience".into()
        }
    );
    assert_eq!(e.line, Some(1));

    let e = error(
        "Actor,Capability,Position,Salience\nA,1,2,0.5\nB,one,2,0.5\n",
        "x.csv",
        Format::ActorCsv,
    );
    assert_eq!(
        e.to_string(),
        "x.csv:3: field `Capability`: `one` is not a number"
    );

    let e = error(
        "Actor,Capability,Position,Salience\nA,1,2,0.5\nA,1,3,0.5\n",
        "x.csv",
        Format::ActorCsv,
    );
    assert_eq!(
        e.problem,
        Problem::DuplicateActor {
            name: "A".into(),
            first_line: 2
        }
    );
    assert_eq!(e.line, Some(3));

    let e = error(
        "Actor,Capability,Position,Salience\nA,1,2,-0.1\n",
        "x.csv",
        Format::ActorCsv,
    );
    assert_eq!(e.problem, Problem::SalienceOutOfRange { value: -0.1 });
    assert_eq!(e.field.as_deref(), Some("Salience"));
}

#[test]
fn actor_csv_with_several_dimensions() {
    let text = "Actor,Capability,Position:trade,Salience:trade,Position:security,Salience:security\nA,1,2,0.5,,\nB,2,4,0.5,7,1\n";
    let p = parse_str(text, "m.csv", Format::ActorCsv).unwrap();
    assert_eq!(p.dimensions.len(), 2);
    assert!(p.actors[0].stance(1).is_none());
    assert_eq!(p.actors[1].stance(1).unwrap().position, 7.0);
}

#[test]
fn decide_csv_errors_name_line_and_field() {
    let base = "#A;X;X;\n#A;Y;Y;\n#P;i;i\n#M;i;0\n#M;i;100\n#D;X;i;50;0.5;1\n";
    let e = error(
        &format!("{base}#D;Y;i;50;5;1\n"),
        "d.csv",
        Format::DecideCsv,
    );
    assert_eq!(
        e.to_string(),
        "d.csv:7: field `salience`: salience 5 is outside 0..=1"
    );
    let e = error(
        &format!("{base}#D;Z;i;50;0.5;1\n"),
        "d.csv",
        Format::DecideCsv,
    );
    assert_eq!(e.problem, Problem::UnknownActor { name: "Z".into() });
    assert_eq!(e.line, Some(7));
    let e = error(
        &format!("{base}#D;Y;i;150;0.5;1\n"),
        "d.csv",
        Format::DecideCsv,
    );
    assert_eq!(
        e.problem,
        Problem::PositionOutOfRange {
            value: 150.0,
            min: 0.0,
            max: 100.0
        }
    );
    let e = error(&format!("{base}#A;X;again;\n"), "d.csv", Format::DecideCsv);
    assert_eq!(
        e.problem,
        Problem::DuplicateActor {
            name: "X".into(),
            first_line: 1
        }
    );
    let e = error(&format!("{base}#Q;what\n"), "d.csv", Format::DecideCsv);
    assert_eq!(e.problem, Problem::UnknownRowKind { kind: "#Q".into() });
}

#[test]
fn missing_file_is_a_read_error() {
    let err = load_path(Path::new("no/such/file.csv")).unwrap_err();
    assert!(matches!(err, DecideError::Read { .. }));
    assert!(err.to_string().starts_with("no/such/file.csv: cannot read"));
}
