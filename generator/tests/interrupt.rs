//! `odata-codegen generate` killed (SIGKILL, no chance to clean up) at moments spread over a
//! whole run: the output directory is always either the previous output, byte for byte, or the
//! new one, or (killed among the final renames) marked as mid-commit; the next run then leaves
//! exactly the new output and no staging folder.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use common::{scratch, snapshot, workspace};

fn generate(input: &str, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_odata-codegen"));
    command
        .args(["generate", "--input", input, "--out"])
        .arg(out)
        .args(["--crate-name", "interrupted"])
        .current_dir(workspace())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn staging_of(out: &Path) -> std::path::PathBuf {
    let name = out.file_name().unwrap().to_string_lossy();
    out.with_file_name(format!(".{name}.odata-codegen-staging"))
}

#[test]
fn a_killed_generation_leaves_the_previous_or_the_new_output() {
    const OLD: &str = "tests/golden/naming.csdl.xml";
    const NEW: &str = "metadata/assignments.csdl.xml";
    let work = scratch("interrupt");
    let out = work.join("out");
    assert!(generate(NEW, &out).status().unwrap().success());
    let new = snapshot(&out);
    std::fs::remove_dir_all(&out).unwrap();
    assert!(generate(OLD, &out).status().unwrap().success());
    let old = snapshot(&out);
    assert_ne!(old, new);
    let started = Instant::now();
    assert!(generate(NEW, &out).status().unwrap().success());
    let full_run = started.elapsed();

    let kills = 10;
    let (mut untouched, mut complete, mut mid_commit) = (0, 0, 0);
    for k in 0..kills {
        std::fs::remove_dir_all(&out).unwrap();
        assert!(generate(OLD, &out).status().unwrap().success());
        let mut child = generate(NEW, &out).spawn().unwrap();
        std::thread::sleep(full_run * k / kills);
        let _ = child.kill();
        let _ = child.wait();
        let state = snapshot(&out);
        if state == old {
            untouched += 1;
        } else if state == new {
            complete += 1;
        } else {
            assert!(
                staging_of(&out).join(".commit").exists(),
                "kill {k}: a mix of outputs without a commit in progress"
            );
            mid_commit += 1;
        }
        assert!(generate(NEW, &out).status().unwrap().success());
        assert_eq!(
            snapshot(&out),
            new,
            "kill {k}: the next run did not finish the job"
        );
        assert!(!staging_of(&out).exists());
    }
    eprintln!("{kills} kills: {untouched} left the previous output, {complete} the new one, {mid_commit} mid-commit");
    assert!(
        untouched > 0,
        "no kill landed before the write: the test tests nothing"
    );
    let _ = std::fs::remove_dir_all(&work);
}
