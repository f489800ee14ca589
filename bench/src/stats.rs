//! Several runs of one measure, summarized as min and median, and how figures are printed.

use std::time::Duration;

/// The values of one measure over several runs (seconds, bytes, …).
#[derive(Debug, Clone, Default)]
pub struct Samples(Vec<f64>);

impl Samples {
    pub fn new() -> Self {
        Samples(Vec::new())
    }

    pub fn push(&mut self, value: f64) {
        self.0.push(value);
    }

    pub fn push_duration(&mut self, value: Duration) {
        self.0.push(value.as_secs_f64());
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn min(&self) -> f64 {
        self.0.iter().copied().fold(f64::INFINITY, f64::min)
    }

    /// The middle value; for an even count, the mean of the two middle ones.
    pub fn median(&self) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        match sorted.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => sorted[n / 2],
            n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        }
    }
}

/// `1.23 s`, `456 ms`, `78.9 µs`.
pub fn seconds(value: f64) -> String {
    if value >= 10.0 {
        format!("{value:.1} s")
    } else if value >= 1.0 {
        format!("{value:.2} s")
    } else if value >= 1e-3 {
        format!("{:.1} ms", value * 1e3)
    } else {
        format!("{:.1} µs", value * 1e6)
    }
}

/// Bytes in MB (10^6), the unit of the targets.
pub fn megabytes(bytes: f64) -> String {
    format!("{:.0} MB", bytes / 1e6)
}

/// `2.31×`.
pub fn ratio(value: f64) -> String {
    if value.is_finite() {
        format!("{value:.2}×")
    } else {
        "–".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let mut samples = Samples::new();
        for v in [5.0, 1.0, 3.0] {
            samples.push(v);
        }
        assert_eq!(samples.median(), 3.0);
        assert_eq!(samples.min(), 1.0);
        samples.push(4.0);
        assert_eq!(samples.median(), 3.5);
    }

    #[test]
    fn figures_read_naturally() {
        assert_eq!(seconds(12.34), "12.3 s");
        assert_eq!(seconds(1.234), "1.23 s");
        assert_eq!(seconds(0.0123), "12.3 ms");
        assert_eq!(seconds(0.0000123), "12.3 µs");
        assert_eq!(megabytes(2.5e8), "250 MB");
        assert_eq!(ratio(f64::NAN), "–");
    }
}
