//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_owned()
}

/// `../shared/<relative>` beside the workspace, or `None` after saying loudly that the tests
/// needing it are skipped (a user's fresh clone has no `../shared`).
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = workspace().join("..").join("shared").join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "SKIPPED: {} not found; this test needs the project's shared data beside the checkout",
            path.display()
        );
        None
    }
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = workspace()
        .join("target")
        .join("test-scratch")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The golden outputs of `tests/golden/*.csdl.xml`, compiled here so that a golden file that
/// does not build (or warns) fails the workspace build. See `generator/tests/golden.rs`.
pub mod golden {
    /// `tests/golden/naming.csdl.xml`.
    pub mod naming {
        include!("../golden/naming.rs");
    }
    /// `tests/golden/injection.csdl.xml`.
    pub mod injection {
        include!("../golden/injection.rs");
    }
    /// `tests/golden/polymorphism.csdl.xml`.
    pub mod polymorphism {
        include!("../golden/polymorphism.rs");
    }
}
