//! Actors' capabilities from real data: COW CINC or World Bank GDP, through `sco-data`.
//!
//! Why: the models weigh each actor by its capability, and a hand-made weight would be one
//! more place for the coder's opinion. A case names the dataset and the year; each state's
//! value is the dataset's value in that year or, when missing, the nearest year within
//! [`YEAR_WINDOW`] (COW CINC v7 ends in 2016, so later cases use 2016 and say so). Values are
//! returned as shares of the participants' total: the models only use ratios.

use crate::case::{Measure, ScoCase};
use crate::error::LabError;

/// How far from the asked year a value may come from.
pub const YEAR_WINDOW: i32 = 10;

/// One state's capability in a run.
#[derive(Debug, Clone, PartialEq)]
pub struct CapabilityValue {
    pub state: String,
    /// The dataset's value (CINC share of the world, or GDP in current US$), or the value
    /// given in the case file.
    pub raw: f64,
    /// The year the value comes from; `None` when the case gives it by hand.
    pub year: Option<i32>,
    /// Share of the participants' total.
    pub share: f64,
}

/// The dataset value for `state` near `year`: `(year used, value)`.
pub fn lookup(measure: Measure, state: &str, year: i32) -> Result<Option<(i32, f64)>, LabError> {
    Ok(match measure {
        Measure::Cinc => sco_data::embedded::nmc()?
            .cinc
            .nearest(state, year, YEAR_WINDOW),
        Measure::Gdp => sco_data::embedded::world_bank()?
            .gdp_usd
            .nearest(state, year, YEAR_WINDOW),
    })
}

/// Capabilities of `states` for `case`, as shares of their total.
pub fn resolve(case: &ScoCase, states: &[String]) -> Result<Vec<CapabilityValue>, LabError> {
    let mut values = Vec::with_capacity(states.len());
    for state in states {
        let by_hand = case.actor(state).and_then(|a| a.capability);
        let (raw, year) = match by_hand {
            Some(v) => (v, None),
            None => match lookup(case.capability.measure, state, case.capability.year)? {
                Some((y, v)) => (v, Some(y)),
                None => {
                    return Err(LabError::NoCapability {
                        file: case.file.clone(),
                        measure: case.capability.measure.id().to_string(),
                        state: state.clone(),
                        year: case.capability.year,
                        window: YEAR_WINDOW,
                    })
                }
            },
        };
        values.push(CapabilityValue {
            state: state.clone(),
            raw,
            year,
            share: 0.0,
        });
    }
    let total: f64 = values.iter().map(|v| v.raw).sum();
    if total > 0.0 {
        for v in &mut values {
            v.share = v.raw / total;
        }
    }
    Ok(values)
}

impl serde::Serialize for CapabilityValue {
    /// The fields in order, with the state's COW and Gleditsch-Ward numbers after `state`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (ccode, gwcode) = crate::state_numbers(&self.state);
        let mut out = serializer.serialize_struct("CapabilityValue", 6)?;
        out.serialize_field("state", &self.state)?;
        out.serialize_field("ccode", &ccode)?;
        out.serialize_field("gwcode", &gwcode)?;
        out.serialize_field("raw", &self.raw)?;
        out.serialize_field("year", &self.year)?;
        out.serialize_field("share", &self.share)?;
        out.end()
    }
}
