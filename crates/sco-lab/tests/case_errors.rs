//! Invalid case files are rejected with the file, the line and the field.

use sco_lab::case;

const GOOD: &str = r#"
name = "Test"
question = "Does it pass?"
date = "2005-07-05"

[capability]
measure = "cinc"
year = 2005
why = "Test."

[[dimensions]]
name = "x"
min = 0.0
max = 100.0
status_quo = 0.0
why = "Nothing yet."
cite = [{ id = "s" }]

[[actors]]
state = "RUS"
position = { x = 60.0 }
salience = { x = 0.5 }
why.position = "Because."
why.salience = "Because."
cite = [{ id = "s" }]

[outcome]
date = "2005-07-05"
adopted = true
summary = "It passed."
why = "Because."
cite = [{ id = "s" }]

[[sources]]
id = "s"
seed = "004_c3854dfeaeb6a555.txt"
"#;

fn error(text: &str) -> String {
    case::parse(text, "bad.toml", "bad")
        .expect_err("must be rejected")
        .to_string()
}

#[test]
fn the_reference_text_is_valid() {
    let c = case::parse(GOOD, "good.toml", "good").expect("valid");
    assert_eq!(c.id, "good");
    assert_eq!(c.actors[0].line, 20);
}

#[test]
fn a_missing_justification_names_the_actor_and_its_line() {
    let text = GOOD.replace("why.salience = \"Because.\"\n", "");
    assert_eq!(
        error(&text),
        "bad.toml:20: field `actors[RUS].why.salience`: is required"
    );
}

#[test]
fn a_salience_out_of_range_names_its_line() {
    let text = GOOD.replace("salience = { x = 0.5 }", "salience = { x = 1.5 }");
    assert_eq!(
        error(&text),
        "bad.toml:22: field `actors[RUS].salience.x`: 1.5 is outside 0..=1"
    );
}

#[test]
fn a_position_off_the_scale_is_rejected() {
    let text = GOOD.replace("position = { x = 60.0 }", "position = { x = 160.0 }");
    assert!(error(&text)
        .starts_with("bad.toml:21: field `actors[RUS].position.x`: 160 is outside the scale"));
}

#[test]
fn an_unknown_dimension_and_an_unknown_source_are_named() {
    let text = GOOD.replace(
        "position = { x = 60.0 }",
        "position = { x = 60.0, y = 1.0 }",
    );
    assert_eq!(
        error(&text),
        "bad.toml:20: field `actors[RUS].position.y`: `y` is not a dimension of this case"
    );
    let text = GOOD.replacen(
        "cite = [{ id = \"s\" }]\n\n[[actors]]",
        "cite = [{ id = \"nowhere\" }]\n\n[[actors]]",
        1,
    );
    assert_eq!(
        error(&text),
        "bad.toml:17: field `dimensions[x].cite`: cites `nowhere`, which no [[sources]] entry defines"
    );
}

#[test]
fn a_bad_state_code_a_bad_date_and_a_syntax_error() {
    assert_eq!(
        error(&GOOD.replace("state = \"RUS\"", "state = \"Russia\"")),
        "bad.toml:20: field `actors.state`: `Russia` is not an ISO 3166 alpha-3 code (three capital letters)"
    );
    assert_eq!(
        error(&GOOD.replacen("date = \"2005-07-05\"", "date = \"5 July 2005\"", 1)),
        "bad.toml:4: field `date`: `5 July 2005` is not a date (YYYY-MM-DD)"
    );
    assert!(error(&GOOD.replace("min = 0.0", "min = ")).starts_with("bad.toml:13: syntax:"));
}

#[test]
fn an_unknown_key_is_a_syntax_error_with_its_line() {
    let text = GOOD.replace("adopted = true", "adopted = true\nwinner = \"RUS\"");
    assert!(
        error(&text).starts_with("bad.toml:30: syntax: unknown field `winner`"),
        "{}",
        error(&text)
    );
}
