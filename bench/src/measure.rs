//! Running a child process and measuring it: wall time and peak resident memory.
//!
//! The peak comes from `wait4`, whose resource usage covers the child and every descendant it
//! waited for, so for `cargo build` it is the largest of cargo and its rustc processes. Linux
//! carries a process's peak over `exec`, and a child spawned by this (large) process starts
//! with this process's peak; so the command is started by a fresh, small copy of this binary
//! (`__measure`), whose child starts clean, and which reports what `wait4` said.

use std::ffi::OsString;
use std::fs::File;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The hidden first argument that makes this binary the measuring intermediate.
pub const INTERMEDIATE: &str = "__measure";

/// One measured run of a command.
#[derive(Debug, Clone)]
pub struct Run {
    pub wall: Duration,
    /// Peak resident set size, in bytes.
    pub peak_rss: u64,
    pub success: bool,
    /// What the command printed on stderr (and stdout, after it), for messages and parsing.
    pub output: String,
}

impl Run {
    /// The last non-empty lines of the output, for an error message.
    pub fn tail(&self, lines: usize) -> String {
        let kept: Vec<&str> = self
            .output
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        kept[kept.len().saturating_sub(lines)..].join("\n")
    }
}

/// Runs `command` to completion, its output going to `log` (then read back into the result).
pub fn run(command: &mut Command, log: &Path) -> Result<Run, String> {
    let describe = format!("{command:?}");
    let file = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err_file = file.try_clone().map_err(|e| e.to_string())?;
    let figures = log.with_extension("measure");
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut intermediate = Command::new(me);
    intermediate
        .arg(INTERMEDIATE)
        .arg(&figures)
        .arg(command.get_program())
        .args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => intermediate.env(key, value),
            None => intermediate.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        intermediate.current_dir(dir);
    }
    let status = intermediate
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(err_file)
        .status()
        .map_err(|e| format!("cannot start {describe}: {e}"))?;
    let output = std::fs::read_to_string(log).unwrap_or_default();
    let text = std::fs::read_to_string(&figures)
        .map_err(|e| format!("{describe} was not measured ({e}): {output}"))?;
    let numbers: Vec<u64> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let [wall_nanos, peak_kib] = numbers[..] else {
        return Err(format!("unreadable measurement `{text}` of {describe}"));
    };
    Ok(Run {
        wall: Duration::from_nanos(wall_nanos),
        peak_rss: peak_kib * 1024,
        success: status.success(),
        output,
    })
}

/// The intermediate: `__measure <figures file> <program> <args…>` runs the program (same
/// environment, directory and output), writes `<wall nanoseconds> <peak KiB>` to the figures
/// file and exits with success exactly when the program did.
pub fn intermediate(args: &[OsString]) -> ExitCode {
    let [figures, program, rest @ ..] = args else {
        eprintln!("usage: {INTERMEDIATE} <figures file> <program> [args…]");
        return ExitCode::FAILURE;
    };
    let started = Instant::now();
    let child = match Command::new(program).args(rest).spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("cannot start {}: {e}", program.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let (status, usage) = match wait_with_usage(child.id()) {
        Ok(waited) => waited,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let wall = started.elapsed().as_nanos();
    // Linux reports ru_maxrss in KiB.
    let peak_kib = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    if let Err(e) = std::fs::write(figures, format!("{wall} {peak_kib}\n")) {
        eprintln!("{}: {e}", Path::new(figures).display());
        return ExitCode::FAILURE;
    }
    if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Like [`run`], but a failure is an error carrying the end of the output.
pub fn run_ok(command: &mut Command, log: &Path) -> Result<Run, String> {
    let run = run(command, log)?;
    if run.success {
        Ok(run)
    } else {
        Err(format!(
            "{command:?} failed (log: {}):\n{}",
            log.display(),
            run.tail(15)
        ))
    }
}

/// `wait4` on the child: std's `Child::wait` does not return resource usage.
fn wait_with_usage(pid: u32) -> Result<(libc::c_int, libc::rusage), String> {
    let pid = libc::pid_t::try_from(pid).map_err(|e| e.to_string())?;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data for which all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live, writable locals of the types wait4 expects; the
        // pid is our own child, not yet reaped (its std handle is never waited on).
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            return Ok((status, usage));
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4({pid}): {error}"));
        }
    }
}
