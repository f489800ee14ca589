//! Every addressable URL template of the entity containers (see `crate::model::walk` for which
//! URLs are walked), each line the methods then the template.

use crate::emit::Selection;
use crate::model::walk::{walk, NodeKind};
use crate::model::{Model, OperationKind};

/// The routes of the selected part of the model: URLs through unselected entity types or to
/// unselected operations are left out, as the generated path builders leave them out.
pub fn routes(model: &Model, selection: &Selection) -> Vec<String> {
    let mut lines = Vec::new();
    walk(
        model,
        &|ty| selection.types.contains(&ty),
        &|op| selection.operations.contains(&op),
        &mut |node| {
            let path = node.path();
            let line = match node.kind {
                NodeKind::Collection => format!("GET POST {path}"),
                NodeKind::Item => format!("GET PATCH DELETE {path}"),
                NodeKind::Single => format!("GET PATCH {path}"),
                NodeKind::Reference => format!("GET {path}"),
                NodeKind::Operation { op, .. } => {
                    let op = model.operation(op);
                    match op.kind {
                        OperationKind::Action => format!("POST {path}"),
                        OperationKind::Function => {
                            let params: Vec<String> = op
                                .parameters
                                .iter()
                                .map(|p| format!("{0}={{{0}}}", p.name))
                                .collect();
                            format!("GET {path}({})", params.join(","))
                        }
                    }
                }
            };
            lines.push(line);
            true
        },
    );
    lines.sort();
    lines.dedup();
    lines
}
