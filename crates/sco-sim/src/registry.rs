//! The registry of named models: how `sco simulate culture` finds the culture model.
//!
//! A [`ModelEntry`] bundles a model's name, description, parameter specs, default step
//! limit and a factory. [`Registry::with_builtin_models`] holds the reference models of this
//! crate; a scenario crate adds its own with [`Registry::register`] (and may make one the
//! default with [`Registry::set_default`]) before handing the registry to the CLI.

use std::fmt;
use std::sync::Arc;

use crate::model::Model;
use crate::params::{ParamError, ParamSet, ParamSpec};
use crate::rng::SimRng;
use crate::scenario::CollectSpec;

/// Builds a model in its initial state from validated parameters and the run's generator
/// (initial conditions are random draws of the run).
pub type BuildFn =
    Arc<dyn Fn(&ParamSet, &mut SimRng) -> Result<Box<dyn Model>, ParamError> + Send + Sync>;

/// A model known by name.
#[derive(Clone)]
pub struct ModelEntry {
    /// Name used on the command line and in scenario files.
    pub name: String,
    /// One-line description.
    pub summary: String,
    /// Accepted parameters, in the order they are listed and vary in grids.
    pub params: Vec<ParamSpec>,
    /// Step limit used when a scenario sets none.
    pub default_max_steps: u64,
    /// The factory.
    pub build: BuildFn,
    /// What data the factory's models read beyond their parameters (e.g. a digest of an
    /// input table), recorded in run metadata and sweep plans so that runs on different
    /// data never mix; `None` when the model reads nothing else.
    pub inputs: Option<String>,
    /// What a run records when its scenario does not say: a model with long runs records a
    /// model-step row every few steps rather than at every step.
    pub default_collect: CollectSpec,
    /// Whether the crate that registered the model writes a report of many runs for it (a
    /// hindcast against data) instead of the engine's single run; front ends ask this rather
    /// than compare model names.
    pub writes_report: bool,
}

impl ModelEntry {
    /// A new entry.
    pub fn new(
        name: &str,
        summary: &str,
        params: Vec<ParamSpec>,
        default_max_steps: u64,
        build: impl Fn(&ParamSet, &mut SimRng) -> Result<Box<dyn Model>, ParamError>
            + Send
            + Sync
            + 'static,
    ) -> Self {
        ModelEntry {
            name: name.to_owned(),
            summary: summary.to_owned(),
            params,
            default_max_steps,
            build: Arc::new(build),
            inputs: None,
            default_collect: CollectSpec::default(),
            writes_report: false,
        }
    }

    /// The entry marked as one whose crate writes a report of many runs for it (see
    /// [`ModelEntry::writes_report`]).
    pub fn with_report(mut self) -> Self {
        self.writes_report = true;
        self
    }

    /// The entry with its own recording defaults (see [`ModelEntry::default_collect`]).
    pub fn with_default_collect(mut self, collect: CollectSpec) -> Self {
        self.default_collect = collect;
        self
    }

    /// The entry with a label of the data its models read (see [`ModelEntry::inputs`]).
    pub fn with_inputs(mut self, label: impl Into<String>) -> Self {
        self.inputs = Some(label.into());
        self
    }
}

impl fmt::Debug for ModelEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ModelEntry")
            .field("name", &self.name)
            .field("params", &self.params.len())
            .finish()
    }
}

/// Errors of registry edits.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RegistryError {
    /// Two models with one name.
    #[error("a model named `{0}` is already registered")]
    Duplicate(String),
    /// `set_default` with a name not registered.
    #[error("no model named `{name}` (known: {known})")]
    Unknown {
        /// The name asked for.
        name: String,
        /// Registered names.
        known: String,
    },
}

/// Named models, sorted by name, plus the one run when no name is given.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<ModelEntry>,
    default_model: Option<String>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// The reference models of this crate (`culture`, `schelling`, `unanimity`), with
    /// `culture` as the default.
    pub fn with_builtin_models() -> Self {
        let mut registry = Registry::new();
        for entry in crate::models::builtin_entries() {
            // Built-in names are distinct, so registration cannot fail.
            let _ = registry.register(entry);
        }
        registry.default_model = Some("culture".to_owned());
        registry
    }

    /// Adds a model; a name may be registered once.
    pub fn register(&mut self, entry: ModelEntry) -> Result<(), RegistryError> {
        match self.entries.binary_search_by(|e| e.name.cmp(&entry.name)) {
            Ok(_) => Err(RegistryError::Duplicate(entry.name)),
            Err(at) => {
                self.entries.insert(at, entry);
                Ok(())
            }
        }
    }

    /// Makes a registered model the one run when no name is given.
    pub fn set_default(&mut self, name: &str) -> Result<(), RegistryError> {
        self.lookup(name)?;
        self.default_model = Some(name.to_owned());
        Ok(())
    }

    /// The default model's name.
    pub fn default_model(&self) -> Option<&str> {
        self.default_model.as_deref()
    }

    /// The entry of a name, if registered.
    pub fn get(&self, name: &str) -> Option<&ModelEntry> {
        self.entries
            .binary_search_by(|e| e.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// The entry of a name, or an error listing the known names.
    pub fn lookup(&self, name: &str) -> Result<&ModelEntry, RegistryError> {
        self.get(name).ok_or_else(|| RegistryError::Unknown {
            name: name.to_owned(),
            known: self.names().join(", "),
        })
    }

    /// Registered names, sorted.
    pub fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.name.as_str()).collect()
    }

    /// All entries, sorted by name.
    pub fn entries(&self) -> &[ModelEntry] {
        &self.entries
    }
}
