//! Running a child process and measuring it: wall time and peak resident memory.
//!
//! The peak comes from `wait4`, whose resource usage covers the child and every descendant it
//! waited for, so for `cargo build` it is the largest of cargo and its rustc processes.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    let started = Instant::now();
    let child = command
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(err_file)
        .spawn()
        .map_err(|e| format!("cannot start {describe}: {e}"))?;
    let (status, usage) = wait_with_usage(child.id())?;
    let wall = started.elapsed();
    let output = std::fs::read_to_string(log).unwrap_or_default();
    Ok(Run {
        wall,
        // Linux reports ru_maxrss in KiB.
        peak_rss: u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024,
        success: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        output,
    })
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
