//! A case run: what each bargaining model predicts, and what the Charter lets pass.
//!
//! Why: a bargaining model says where a group would settle if its members traded influence;
//! the SCO, deciding by consensus (Charter, Article 16), cannot adopt anything a member
//! objects to. For one case and one membership this module runs the models of `sco-decide`
//! (compromise, Nash bargaining, the expected utility model) and KTAB's Spatial Model of
//! Politics (`sco-smp`), then judges each prediction with [`crate::consensus`]: does it pass,
//! who blocks it, where its projection onto what consensus allows lies, and whether
//! reservations on separable aspects let it pass. The proposals the case lists and the actual
//! outcome are judged the same way.
//!
//! Members come in as a plain list of codes (see [`crate::membership`] for the ledger).

use serde::Serialize;

use crate::capability::{self, CapabilityValue};
use crate::case::{CaseActor, ScoCase};
use crate::consensus::{self, Judgement, Problem, Projection, Winset};
use crate::error::LabError;

/// Rounds of the expected utility model (the length the `sco-decide` reproduction of Scholz
/// et al.'s EU example runs; an assumption here).
pub const EUM_ROUNDS: usize = 8;

/// The models a case can be run with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// Capability × salience weighted mean (Achen's compromise model).
    Compromise,
    /// The asymmetric Nash bargaining solution over the status quo.
    Nash,
    /// Bueno de Mesquita's expected utility model (Scholz et al. 2011), dimension by dimension.
    Eum,
    /// KTAB's Spatial Model of Politics.
    Smp,
}

impl Model {
    /// Every model, in the order they are printed.
    pub const ALL: [Model; 4] = [Model::Compromise, Model::Nash, Model::Eum, Model::Smp];

    pub fn id(self) -> &'static str {
        match self {
            Model::Compromise => "compromise",
            Model::Nash => "nash",
            Model::Eum => "eum",
            Model::Smp => "smp",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Model::Compromise => "compromise (weighted mean)",
            Model::Nash => "Nash bargaining",
            Model::Eum => "expected utility (BDM/Scholz)",
            Model::Smp => "KTAB SMP",
        }
    }

    /// Parses a model id.
    pub fn parse(text: &str) -> Option<Model> {
        Model::ALL.into_iter().find(|m| m.id() == text)
    }
}

/// Every member's position after one round of a model with rounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Round {
    pub round: usize,
    /// Per member (in [`CaseRun::members`] order), per dimension.
    pub positions: Vec<Vec<f64>>,
    /// The model's outcome read at this round.
    pub outcome: Vec<f64>,
}

/// A member's move in a round, with the model's reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub round: usize,
    pub state: String,
    pub dimension: String,
    pub from: f64,
    pub to: f64,
    pub why: String,
}

/// One model's prediction and its fate under consensus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelResult {
    pub model: Model,
    /// The predicted outcome, one value per dimension.
    pub prediction: Vec<f64>,
    /// How the prediction is read from the model's output.
    pub reading: String,
    /// Positions over rounds (models with rounds).
    pub rounds: Vec<Round>,
    /// Who moved and why (models with rounds).
    pub moves: Vec<Move>,
    /// Does the prediction pass under consensus, and who blocks it.
    pub judgement: Judgement,
    /// The nearest point consensus allows.
    pub projection: Projection,
    /// The nearest point allowed once the members able to reserve have done so (only when
    /// some blocker can reserve).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_reservations: Option<Projection>,
}

/// A proposal (or the actual outcome) judged under consensus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JudgedPoint {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub position: Vec<f64>,
    pub judgement: Judgement,
}

/// A dimension as the run reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionInfo {
    pub name: String,
    pub min: f64,
    pub max: f64,
    pub status_quo: f64,
    pub separable: bool,
}

/// The full result of running a case with one membership.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseRun {
    pub case: String,
    pub name: String,
    pub question: String,
    pub date: chrono::NaiveDate,
    /// The membership the run uses (its label).
    pub membership: String,
    /// Members, sorted by code: the actors of the models, each with a veto.
    pub members: Vec<String>,
    /// States the case codes that are not members here (left out of the run).
    pub not_members: Vec<String>,
    pub capabilities: Vec<CapabilityValue>,
    pub dimensions: Vec<DimensionInfo>,
    /// The members' ideal points, per member, per dimension.
    pub ideals: Vec<Vec<f64>>,
    /// The unanimity winset of the status quo.
    pub winset: Winset,
    /// The smallest groups whose standing aside would open an empty winset.
    pub gridlock_vetoes: Vec<Vec<String>>,
    /// Coleman's a-priori probability that a proposal passes unanimity (2^-n).
    pub coleman: f64,
    pub models: Vec<ModelResult>,
    pub proposals: Vec<JudgedPoint>,
    /// The actual outcome judged the same way, when the case places it on the scales.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<JudgedPoint>,
}

fn coded<'a>(case: &'a ScoCase, state: &str) -> Result<&'a CaseActor, LabError> {
    case.actor(state).ok_or_else(|| LabError::Uncoded {
        file: case.file.clone(),
        date: case.date.to_string(),
        missing: state.to_string(),
    })
}

/// The consensus problem of a case for its profile (see [`profile`]).
pub fn problem(case: &ScoCase, profile: &sco_decide::Profile) -> Result<Problem, LabError> {
    Problem::new(
        profile,
        case.dimensions.iter().map(|d| d.separable).collect(),
    )
}

/// The members of `members` the case does not code.
pub fn uncoded(case: &ScoCase, members: &[String]) -> Vec<String> {
    members
        .iter()
        .filter(|m| case.actor(m).is_none())
        .cloned()
        .collect()
}

/// The `sco-decide` profile of the case for `members` with the given capabilities.
pub fn profile(
    case: &ScoCase,
    members: &[String],
    capabilities: &[CapabilityValue],
) -> Result<sco_decide::Profile, LabError> {
    let actors = members
        .iter()
        .zip(capabilities)
        .map(|(m, cap)| {
            let actor = coded(case, m)?;
            Ok(sco_decide::Actor {
                name: m.clone(),
                capability: cap.share,
                stances: actor
                    .position
                    .iter()
                    .zip(&actor.salience)
                    .map(|(p, s)| match (p, s) {
                        (Some(position), Some(salience)) => Some(sco_decide::Stance {
                            position: *position,
                            salience: *salience,
                            capability: None,
                        }),
                        _ => None,
                    })
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>, LabError>>()?;
    Ok(sco_decide::Profile {
        name: case.name.clone(),
        dimensions: case
            .dimensions
            .iter()
            .map(|d| sco_decide::Dimension {
                name: d.name.clone(),
                min: d.min,
                max: d.max,
            })
            .collect(),
        actors,
        status_quo: Some(case.status_quo()),
        source: None,
    })
}

/// Runs `models` on `case` with `members` (plain codes); `membership` labels the run.
pub fn run_case(
    case: &ScoCase,
    members: &[String],
    membership: &str,
    models: &[Model],
) -> Result<CaseRun, LabError> {
    let mut members: Vec<String> = members.to_vec();
    members.sort();
    let missing = uncoded(case, &members);
    if !missing.is_empty() {
        return Err(LabError::Uncoded {
            file: case.file.clone(),
            date: case.date.to_string(),
            missing: missing.join(", "),
        });
    }
    let capabilities = capability::resolve(case, &members)?;
    let profile = profile(case, &members, &capabilities)?;
    let problem = problem(case, &profile)?;
    let winset = consensus::winset(&problem);
    let gridlock_vetoes = consensus::gridlock_vetoes(&problem)?;

    let mut results = Vec::new();
    for &model in models {
        let raw = match model {
            Model::Compromise => run_compromise(&profile),
            Model::Nash => run_nash(&profile)?,
            Model::Eum => run_eum(&profile)?,
            Model::Smp => run_smp(&profile)?,
        };
        let judgement = consensus::judge(&problem, &raw.prediction)?;
        let projection = consensus::project(&problem, &raw.prediction, &[])?;
        let with_reservations = if judgement.reservations.is_empty() {
            None
        } else {
            Some(consensus::project(
                &problem,
                &raw.prediction,
                &judgement.reservations,
            )?)
        };
        results.push(ModelResult {
            model,
            prediction: raw.prediction,
            reading: raw.reading,
            rounds: raw.rounds,
            moves: raw.moves,
            judgement,
            projection,
            with_reservations,
        });
    }

    let proposals = case
        .proposals
        .iter()
        .map(|p| {
            Ok(JudgedPoint {
                name: p.name.clone(),
                by: p.by.clone(),
                position: p.position.clone(),
                judgement: consensus::judge(&problem, &p.position)?,
            })
        })
        .collect::<Result<Vec<_>, LabError>>()?;
    let outcome = match &case.outcome.position {
        Some(position) => Some(JudgedPoint {
            name: "actual outcome".to_string(),
            by: None,
            position: position.clone(),
            judgement: consensus::judge(&problem, position)?,
        }),
        None => None,
    };

    Ok(CaseRun {
        case: case.id.clone(),
        name: case.name.clone(),
        question: case.question.clone(),
        date: case.date,
        membership: membership.to_string(),
        not_members: case
            .actors
            .iter()
            .filter(|a| !members.contains(&a.state))
            .map(|a| a.state.clone())
            .collect(),
        coleman: consensus::coleman_unanimity(members.len()),
        ideals: members
            .iter()
            .map(|m| {
                let actor = case.actor(m);
                case.dimensions
                    .iter()
                    .enumerate()
                    .map(|(d, dim)| actor.and_then(|a| a.position[d]).unwrap_or(dim.status_quo))
                    .collect()
            })
            .collect(),
        members,
        capabilities,
        dimensions: case
            .dimensions
            .iter()
            .map(|d| DimensionInfo {
                name: d.name.clone(),
                min: d.min,
                max: d.max,
                status_quo: d.status_quo,
                separable: d.separable,
            })
            .collect(),
        winset,
        gridlock_vetoes,
        models: results,
        proposals,
        outcome,
    })
}

/// What a model produced, before consensus.
struct RawResult {
    prediction: Vec<f64>,
    reading: String,
    rounds: Vec<Round>,
    moves: Vec<Move>,
}

fn run_compromise(profile: &sco_decide::Profile) -> RawResult {
    let dims = sco_decide::compromise::compromise(profile);
    let prediction = dims
        .iter()
        .zip(&profile.dimensions)
        .enumerate()
        .map(|(d, (c, dim))| {
            c.position
                .unwrap_or_else(|| profile.status_quo.as_ref().map_or(dim.min, |sq| sq[d]))
        })
        .collect();
    RawResult {
        prediction,
        reading: "mean of the members' positions weighted by capability × salience".into(),
        rounds: Vec::new(),
        moves: Vec::new(),
    }
}

/// The asymmetric Nash bargaining solution of `sco-decide` (bargaining power = capability,
/// salience-weighted utilities, the status quo as disagreement point): it lies in the winset
/// by construction, or is the status quo when the winset is empty.
fn run_nash(profile: &sco_decide::Profile) -> Result<RawResult, LabError> {
    let solution = sco_decide::nash::nash_bargaining(
        profile,
        sco_decide::consensus::Metric::SalienceWeighted,
        sco_decide::nash::BargainingPower::Capability,
    )
    .map_err(|e| LabError::Model {
        model: "nash".into(),
        message: e.to_string(),
    })?;
    Ok(RawResult {
        prediction: solution.point,
        reading: if solution.agreement {
            "the point of the winset maximising the product of the members' gains over the status quo, each raised to its capability (asymmetric Nash bargaining)".into()
        } else {
            "no point improves on the status quo for every member: the Nash solution is the status quo".into()
        },
        rounds: Vec::new(),
        moves: Vec::new(),
    })
}

// The dimension index addresses the profile, the status quo and the dimension names at once.
#[allow(clippy::needless_range_loop)]
fn run_eum(profile: &sco_decide::Profile) -> Result<RawResult, LabError> {
    let config = sco_decide::eum::EumConfig::scholz_code(EUM_ROUNDS);
    let n = profile.actors.len();
    let dims = profile.dimensions.len();
    let sq = profile.status_quo.clone().unwrap_or_default();
    let mut per_dim_rounds: Vec<Vec<(Vec<f64>, f64)>> = Vec::new();
    let mut moves = Vec::new();
    for d in 0..dims {
        let issue = profile.issue(d);
        // Members without a stance keep no position here; give them the status quo.
        let names: Vec<&str> = issue.iter().map(|a| a.name.as_str()).collect();
        let spread = issue
            .iter()
            .any(|a| (a.position - issue[0].position).abs() > 1e-12);
        if issue.len() < 2 || !spread {
            let flat: Vec<f64> = profile
                .actors
                .iter()
                .map(|a| a.stance(d).map_or(sq[d], |s| s.position))
                .collect();
            let at = issue.first().map_or(sq[d], |a| a.position);
            per_dim_rounds.push(vec![(flat, at); EUM_ROUNDS + 1]);
            continue;
        }
        let run = sco_decide::eum::run(&issue, &config).map_err(|e| LabError::Model {
            model: "eum".into(),
            message: format!("dimension `{}`: {e}", profile.dimensions[d].name),
        })?;
        let mut rounds = Vec::new();
        for r in &run.rounds {
            let positions: Vec<f64> = profile
                .actors
                .iter()
                .map(|a| {
                    names
                        .iter()
                        .position(|n| *n == a.name)
                        .map_or(sq[d], |k| r.positions[k])
                })
                .collect();
            rounds.push((positions, r.median));
            for m in &r.moves {
                let kind = match m.kind {
                    sco_decide::eum::MoveKind::LostConfrontation => "lost a confrontation to",
                    sco_decide::eum::MoveKind::Compromise => "compromised with",
                    sco_decide::eum::MoveKind::Capitulation => "gave in to",
                };
                moves.push(Move {
                    round: r.round,
                    state: run.actors[m.actor].clone(),
                    dimension: profile.dimensions[d].name.clone(),
                    from: m.from,
                    to: m.to,
                    why: format!("{kind} {}", run.actors[m.partner]),
                });
            }
        }
        per_dim_rounds.push(rounds);
    }
    let rounds: Vec<Round> = (0..=EUM_ROUNDS)
        .map(|r| Round {
            round: r,
            positions: (0..n)
                .map(|i| (0..dims).map(|d| per_dim_rounds[d][r].0[i]).collect())
                .collect(),
            outcome: (0..dims).map(|d| per_dim_rounds[d][r].1).collect(),
        })
        .collect();
    let prediction = rounds
        .last()
        .map_or_else(|| sq.clone(), |r| r.outcome.clone());
    moves.sort_by(|a, b| a.round.cmp(&b.round).then(a.state.cmp(&b.state)));
    Ok(RawResult {
        prediction,
        reading: format!(
            "the weighted median ('median voter' position) after {EUM_ROUNDS} rounds, each dimension run on its own with Scholz's settings"
        ),
        rounds,
        moves,
    })
}

fn run_smp(profile: &sco_decide::Profile) -> Result<RawResult, LabError> {
    let dims = profile.dimensions.len();
    let sq = profile.status_quo.clone().unwrap_or_default();
    let to_scale = |d: usize, x: f64| {
        let dim = &profile.dimensions[d];
        (x - dim.min) / dim.range() * 100.0
    };
    let from_scale = |d: usize, x: f64| {
        let dim = &profile.dimensions[d];
        dim.min + x / 100.0 * dim.range()
    };
    let actors = profile
        .actors
        .iter()
        .map(|a| {
            let sal: Vec<f64> = (0..dims)
                .map(|d| a.stance(d).map_or(0.0, |s| s.salience))
                .collect();
            let total: f64 = sal.iter().sum();
            // KTAB's saliences are shares of attention summing to at most 100.
            // (shaved by 1e-12 so that rounding cannot push the total over 100).
            let factor = if total > 1.0 {
                100.0 / total * (1.0 - 1e-12)
            } else {
                100.0
            };
            sco_smp::ActorSpec {
                name: a.name.clone(),
                description: a.name.clone(),
                capability: a.capability.max(1e-9),
                position: (0..dims)
                    .map(|d| to_scale(d, a.stance(d).map_or(sq[d], |s| s.position)))
                    .collect(),
                salience: sal.iter().map(|s| s * factor).collect(),
            }
        })
        .collect();
    let scenario = sco_smp::Scenario {
        name: profile.name.clone(),
        description: profile.name.clone(),
        dimensions: profile.dimensions.iter().map(|d| d.name.clone()).collect(),
        actors,
    };
    let run =
        sco_smp::run(&scenario, &sco_smp::SmpConfig::default()).map_err(|e| LabError::Model {
            model: "smp".into(),
            message: e.to_string(),
        })?;
    let most_likely = |step: &sco_smp::Step| -> Vec<f64> {
        let best = step
            .distinct_positions
            .iter()
            .copied()
            .max_by(|&a, &b| step.actors[a].prob.total_cmp(&step.actors[b].prob))
            .unwrap_or(0);
        (0..dims)
            .map(|d| from_scale(d, step.actors[best].position[d]))
            .collect()
    };
    let mut rounds = Vec::new();
    let mut moves = Vec::new();
    for step in &run.history {
        rounds.push(Round {
            round: step.step,
            positions: step
                .actors
                .iter()
                .map(|a| (0..dims).map(|d| from_scale(d, a.position[d])).collect())
                .collect(),
            outcome: most_likely(step),
        });
        if step.step == 0 {
            continue;
        }
        let previous = &run.history[step.step - 1];
        for adoption in &step.adoptions {
            let i = adoption.actor;
            for d in 0..dims {
                let from = from_scale(d, previous.actors[i].position[d]);
                let to = from_scale(d, step.actors[i].position[d]);
                // Moves smaller than the printed precision are noise.
                if (to - from).abs() < 0.05 {
                    continue;
                }
                let (a, b) = (adoption.initiator, adoption.receiver);
                moves.push(Move {
                    round: step.step,
                    state: step.actors[i].name.clone(),
                    dimension: profile.dimensions[d].name.clone(),
                    from,
                    to,
                    why: format!(
                        "adopted the bargain {} proposed to {} (chosen with probability {:.2} among {} options)",
                        step.actors[a].name, step.actors[b].name, adoption.prob, adoption.options
                    ),
                });
            }
        }
    }
    let prediction = run.history.last().map_or_else(|| sq.clone(), most_likely);
    Ok(RawResult {
        prediction,
        reading: format!(
            "the most probable position after {} steps ({:?}), KTAB's default settings",
            run.steps(),
            run.stop_reason
        ),
        rounds,
        moves,
    })
}

impl serde::Serialize for Move {
    /// The fields in order, with the state's COW and Gleditsch-Ward numbers after `state`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (ccode, gwcode) = crate::state_numbers(&self.state);
        let mut out = serializer.serialize_struct("Move", 8)?;
        out.serialize_field("round", &self.round)?;
        out.serialize_field("state", &self.state)?;
        out.serialize_field("ccode", &ccode)?;
        out.serialize_field("gwcode", &gwcode)?;
        out.serialize_field("dimension", &self.dimension)?;
        out.serialize_field("from", &self.from)?;
        out.serialize_field("to", &self.to)?;
        out.serialize_field("why", &self.why)?;
        out.end()
    }
}
