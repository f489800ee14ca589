//! Per-phase wall times of a generation, for the benchmark suite (`cargo bench-suite`).
//!
//! Emission and formatting interleave (each file is formatted as soon as its tokens exist), so
//! formatting time is accumulated where it happens, in [`formatting`], and subtracted from the
//! emission phase. The accumulator is process-wide: generations running concurrently in one
//! process add up, and formatting on several threads counts the time of each.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

static FORMATTING_NANOS: AtomicU64 = AtomicU64::new(0);

/// Wall time of each phase of [`crate::Config::generate_timed`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhaseTimes {
    /// Reading the XML files (and the ones they reference) into documents.
    pub read: Duration,
    /// Resolving and validating the type graph.
    pub graph: Duration,
    /// Planning names and building tokens: rendering, less formatting.
    pub emit: Duration,
    /// Parsing the tokens and printing them with prettyplease.
    pub format: Duration,
    /// Writing the files.
    pub write: Duration,
}

impl PhaseTimes {
    pub fn total(&self) -> Duration {
        self.read + self.graph + self.emit + self.format + self.write
    }
}

/// Runs `f`, adding its wall time to the formatting accumulator.
pub(crate) fn formatting<T>(f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = f();
    let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    FORMATTING_NANOS.fetch_add(nanos, Ordering::Relaxed);
    result
}

/// The formatting time accumulated since the last call, which resets it.
pub(crate) fn take_formatting() -> Duration {
    Duration::from_nanos(FORMATTING_NANOS.swap(0, Ordering::Relaxed))
}
