//! What a generated crate records of its own generation: a copy of every metadata file it was
//! generated from and the settings it was generated with, in `metadata/` of the crate. The next
//! `generate` or `check` compares the new metadata with that record, so it can say what the
//! update does to the crate's API, and `generate --bump` can set the version it calls for,
//! without the old files at hand (metadata is usually downloaded afresh and overwritten).

use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::emit::GeneratedFile;
use crate::write::GENERATED_MARKER;
use crate::{Config, Error, Loaded};

/// The folder of the record, in the generated crate.
pub const DIR: &str = "metadata";

/// The settings of the recorded generation, beside the copies.
pub const MANIFEST: &str = "metadata/generation.json";

/// `metadata/generation.json`. Keys in camelCase, as the other JSON the generator writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Manifest {
    /// The marker that makes the folder the generator's own (JSON has no comments).
    #[serde(rename = "@generated")]
    generated: String,
    /// The input files, relative to `metadata/` (the files they reference are beside them).
    inputs: Vec<String>,
    include: Vec<String>,
    exclude: Vec<String>,
    /// `[qualified schema type, Rust path]`.
    map_type: Vec<(String, String)>,
    key_as_segment: bool,
    qualified_operations: bool,
}

/// The record's files: every metadata file read (the inputs and what they reference), at its
/// path relative to the deepest folder that holds them all, byte for byte, and the manifest.
pub fn files(config: &Config, loaded: &Loaded) -> Result<Vec<GeneratedFile>, Error> {
    let read: Vec<PathBuf> = loaded.files.iter().map(|p| absolute(p)).collect();
    let root = common_folder(&read);
    let relative = |path: &Path| -> String {
        let path = absolute(path);
        let inside = path.strip_prefix(&root).unwrap_or(&path);
        inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut out = Vec::with_capacity(read.len() + 1);
    for path in &read {
        let bytes = fs::read(path).map_err(|e| {
            Error::Settings(format!(
                "cannot record {} in the crate: {e}",
                path.display()
            ))
        })?;
        // The reader took it, so it is UTF-8.
        let contents = String::from_utf8(bytes).map_err(|_| {
            Error::Settings(format!("{} changed while it was read", path.display()))
        })?;
        out.push(GeneratedFile {
            path: Path::new(DIR).join(relative(path)),
            contents,
        });
    }
    let manifest = Manifest {
        generated: format!("{GENERATED_MARKER}: the metadata this crate was generated from, compared with the next (do not edit)"),
        inputs: config.inputs.iter().map(|p| relative(p)).collect(),
        include: config.includes.clone(),
        exclude: config.excludes.clone(),
        map_type: config.type_mappings.clone(),
        key_as_segment: config.url_defaults.key_as_segment,
        qualified_operations: config.url_defaults.qualified_operations,
    };
    let mut json = serde_json::to_string_pretty(&manifest).expect("a manifest serializes");
    json.push('\n');
    out.push(GeneratedFile {
        path: PathBuf::from(MANIFEST),
        contents: json,
    });
    Ok(out)
}

/// The recorded generation of the crate in `out_dir`, as a configuration that loads the
/// recorded copies; `None` when the crate has no record (generated before records existed, or
/// not generated yet).
pub fn recorded(out_dir: &Path, crate_name: &str) -> Result<Option<Config>, Error> {
    let path = out_dir.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::Settings(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        }
    };
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
        Error::Settings(format!(
            "{}:{}:{}: not a record of odata-codegen: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    let mut config = Config::new();
    config.crate_name(crate_name);
    for input in &manifest.inputs {
        // The record is the generator's own, but a hand-edited one must not read files
        // outside its folder.
        if Path::new(input)
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(Error::Settings(format!(
                "{}: input `{input}` is not a path inside {DIR}/",
                path.display()
            )));
        }
        config.input(out_dir.join(DIR).join(input));
    }
    for pattern in manifest.include {
        config.include(pattern);
    }
    for pattern in manifest.exclude {
        config.exclude(pattern);
    }
    for (qualified, rust_path) in manifest.map_type {
        config.map_type(qualified, rust_path);
    }
    config.key_as_segment(manifest.key_as_segment);
    config.qualified_operations(manifest.qualified_operations);
    Ok(Some(config))
}

/// Whether `path` (relative to the crate) is in the record's folder: all files there are the
/// generator's, so copies of files no longer read are removed.
pub fn is_recorded(path: &Path) -> bool {
    path.starts_with(DIR)
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// The deepest folder holding every path (their common prefix, less the file name).
fn common_folder(paths: &[PathBuf]) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for path in paths {
        let folder = path.parent().unwrap_or(path).to_owned();
        common = Some(match common {
            None => folder,
            Some(current) => current
                .components()
                .zip(folder.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.as_os_str())
                .collect(),
        });
    }
    common.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_folder_is_the_deepest_one_holding_every_file() {
        let paths = [
            PathBuf::from("/a/b/c/service.xml"),
            PathBuf::from("/a/b/common/units.xml"),
        ];
        assert_eq!(common_folder(&paths), PathBuf::from("/a/b"));
        assert_eq!(
            common_folder(&[PathBuf::from("/a/b/x.xml")]),
            PathBuf::from("/a/b")
        );
    }

    #[test]
    fn a_record_that_points_outside_its_folder_is_refused() {
        let dir = std::env::temp_dir().join(format!("odata-codegen-record-{}", std::process::id()));
        fs::create_dir_all(dir.join(DIR)).unwrap();
        let manifest = Manifest {
            generated: GENERATED_MARKER.to_owned(),
            inputs: vec!["../../etc/passwd".to_owned()],
            include: vec![],
            exclude: vec![],
            map_type: vec![],
            key_as_segment: true,
            qualified_operations: false,
        };
        fs::write(
            dir.join(MANIFEST),
            serde_json::to_string(&manifest).unwrap(),
        )
        .unwrap();
        let error = recorded(&dir, "x").unwrap_err().to_string();
        assert!(error.contains("not a path inside metadata/"), "{error}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
