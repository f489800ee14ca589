//! What the figures were measured on: CPU, cores, memory, load, toolchain.

use std::process::Command;

/// `key: value` lines for the report.
pub fn describe() -> Vec<(String, String)> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    let cores = std::thread::available_parallelism()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "unknown".to_owned());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().find_map(|l| {
                let kib: f64 = l
                    .strip_prefix("MemTotal:")?
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse()
                    .ok()?;
                Some(format!("{:.1} GiB", kib / 1024.0 / 1024.0))
            })
        })
        .unwrap_or_else(|| "unknown".to_owned());
    vec![
        ("CPU".to_owned(), cpu),
        ("cores".to_owned(), cores),
        ("memory".to_owned(), memory),
        ("OS".to_owned(), first_line("uname", &["-srm"])),
        ("rustc".to_owned(), first_line("rustc", &["--version"])),
        ("cargo".to_owned(), first_line("cargo", &["--version"])),
        ("node".to_owned(), first_line("node", &["--version"])),
        ("load average at start".to_owned(), load_average()),
    ]
}

/// The 1, 5 and 15 minute load averages: other work on a shared machine skews every figure.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn first_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "not available".to_owned())
}
