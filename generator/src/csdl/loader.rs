//! Placeholder, written next.
use std::path::PathBuf;

use super::ast;
use crate::diagnostics::{Diagnostics, Pos};

pub struct Loaded {
    pub files: Vec<LoadedFile>,
    pub unresolved: Vec<UnresolvedReference>,
}
pub struct LoadedFile {
    pub path: PathBuf,
    pub document: ast::Document,
}
pub struct UnresolvedReference {
    pub pos: Pos,
    pub uri: String,
    pub namespaces: Vec<String>,
    pub reason: String,
}
pub fn load(_inputs: &[PathBuf], _diags: &mut Diagnostics) -> Loaded {
    Loaded {
        files: Vec::new(),
        unresolved: Vec::new(),
    }
}
