//! Per-phase wall times of a generation, for the benchmark suite (`cargo bench-suite`).
//!
//! Emission and formatting interleave on every core (each type's tokens are formatted as soon as
//! they exist), so the time of each is accumulated where it happens, in [`emitting`] and
//! [`formatting`], summed over the threads, and the wall time of rendering is split between the
//! two in proportion. The accumulators are process-wide: generations running concurrently in
//! one process add up.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

static EMITTING_NANOS: AtomicU64 = AtomicU64::new(0);
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

/// Runs `f`, adding its time to the emission accumulator.
pub(crate) fn emitting<T>(f: impl FnOnce() -> T) -> T {
    timed(&EMITTING_NANOS, f)
}

/// Runs `f`, adding its time to the formatting accumulator.
pub(crate) fn formatting<T>(f: impl FnOnce() -> T) -> T {
    timed(&FORMATTING_NANOS, f)
}

fn timed<T>(accumulator: &AtomicU64, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = f();
    let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    accumulator.fetch_add(nanos, Ordering::Relaxed);
    result
}

/// Resets both accumulators.
pub(crate) fn take_rendering() -> (Duration, Duration) {
    (
        Duration::from_nanos(EMITTING_NANOS.swap(0, Ordering::Relaxed)),
        Duration::from_nanos(FORMATTING_NANOS.swap(0, Ordering::Relaxed)),
    )
}

/// The wall time of rendering split into (emit, format) in proportion to the thread time each
/// took since the last call; the accumulators are reset.
pub(crate) fn split_rendering(wall: Duration) -> (Duration, Duration) {
    let (emitting, formatting) = take_rendering();
    let total = emitting + formatting;
    if total.is_zero() {
        return (wall, Duration::ZERO);
    }
    let format = wall.mul_f64(formatting.as_secs_f64() / total.as_secs_f64());
    (wall.saturating_sub(format), format)
}
