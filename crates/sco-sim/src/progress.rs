//! Progress reporting for long sweeps, as a callback trait so the library stays free of
//! terminal code: the CLI implements it with a progress bar, tests with counters, and
//! [`NoProgress`] ignores it.

/// Receives progress of a sweep. Called from worker threads, hence `Sync`.
pub trait Progress: Sync {
    /// The sweep part has `total` runs, of which `done` were already complete (resumed).
    fn start(&self, _total: u64, _done: u64) {}
    /// `runs` more runs finished.
    fn advance(&self, _runs: u64) {}
    /// All runs of the part are done and the merged files written.
    fn finish(&self) {}
    /// Asked before each run: true stops the sweep with [`crate::SimError::Cancelled`], keeping
    /// the chunks already written (a rerun resumes). Python's Ctrl-C arrives this way.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Progress that is ignored.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}
