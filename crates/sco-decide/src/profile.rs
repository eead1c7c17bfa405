//! Actor/issue profiles: who takes part in a decision, how strong each is, where each
//! stands on every dimension and how much each cares, plus the status quo.
//!
//! Every model of the crate reads a [`Profile`]. It knows nothing of any particular
//! organisation: actors are names, dimensions are named scales.

use serde::{Deserialize, Serialize};

/// One issue dimension: a named scale on which positions are measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub name: String,
    /// Lower end of the scale.
    pub min: f64,
    /// Upper end of the scale.
    pub max: f64,
}

impl Dimension {
    /// Width of the scale (`max - min`).
    pub fn range(&self) -> f64 {
        self.max - self.min
    }
}

/// Where an actor stands on one dimension and how much it cares.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    pub position: f64,
    /// Importance of the dimension to the actor, in 0..=1.
    pub salience: f64,
    /// Capability on this dimension when it differs from the actor's general capability
    /// (decide's format gives power per actor and issue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capability: Option<f64>,
}

/// A participant of the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    /// Capability (power, resources), not negative.
    pub capability: f64,
    /// One entry per dimension of the profile; `None` where the actor takes no stance.
    pub stances: Vec<Option<Stance>>,
}

impl Actor {
    /// The actor's stance on dimension `d`, if any.
    pub fn stance(&self, d: usize) -> Option<&Stance> {
        self.stances.get(d).and_then(Option::as_ref)
    }

    /// Capability on dimension `d`: the per-dimension value if given, else the general one.
    pub fn capability_on(&self, d: usize) -> f64 {
        self.stance(d)
            .and_then(|s| s.capability)
            .unwrap_or(self.capability)
    }
}

/// A decision situation: dimensions, actors and (optionally) the status quo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub dimensions: Vec<Dimension>,
    pub actors: Vec<Actor>,
    /// The status quo, one value per dimension, when known.
    pub status_quo: Option<Vec<f64>>,
    /// Where the data come from (free text: document title, address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One actor's data on one dimension, flattened for one-dimensional models.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueActor {
    pub name: String,
    pub capability: f64,
    pub position: f64,
    pub salience: f64,
}

impl Profile {
    /// Index of the dimension called `name`.
    pub fn dimension_index(&self, name: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.name == name)
    }

    /// Index of the actor called `name`.
    pub fn actor_index(&self, name: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.name == name)
    }

    /// The actors that take a stance on dimension `d`, in profile order.
    pub fn issue(&self, d: usize) -> Vec<IssueActor> {
        self.actors
            .iter()
            .filter_map(|a| {
                a.stance(d).map(|s| IssueActor {
                    name: a.name.clone(),
                    capability: a.capability_on(d),
                    position: s.position,
                    salience: s.salience,
                })
            })
            .collect()
    }

    /// True when every actor takes a stance on every dimension.
    pub fn is_complete(&self) -> bool {
        self.actors.iter().all(|a| {
            a.stances.len() == self.dimensions.len() && a.stances.iter().all(Option::is_some)
        })
    }
}
