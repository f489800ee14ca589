//! Every addressable URL template of the entity containers (see `crate::model::walk` for which
//! URLs are walked), each line the methods then the template.

use crate::emit::Selection;
use crate::model::walk::{walk, Bounds, NodeKind};
use crate::model::{Model, OperationKind};

/// The routes of the selected part of the model: URLs through unselected entity types or to
/// unselected operations are left out, as the generated path builders leave them out.
pub fn routes(model: &Model, selection: &Selection, bounds: Bounds) -> Vec<String> {
    let mut lines = Vec::new();
    walk(
        model,
        bounds,
        &|ty| selection.types.contains(&ty),
        &|op| selection.operations.contains(&op),
        &mut |node| {
            let methods = match node.kind {
                NodeKind::Collection => "GET POST",
                NodeKind::Item => "GET PATCH PUT DELETE",
                // A singleton cannot be deleted; an entity reached by navigation can.
                NodeKind::Single if node.navigation.is_none() => "GET PATCH PUT",
                NodeKind::Single => "GET PATCH PUT DELETE",
                NodeKind::Reference => "GET",
                NodeKind::Ref {
                    collection: true, ..
                } => "GET POST DELETE",
                NodeKind::Ref { item: true, .. } => "DELETE",
                NodeKind::Ref { .. } => "GET PUT DELETE",
                NodeKind::Stream => "GET PUT",
                NodeKind::Operation { op, .. } => match model.operation(op).kind {
                    OperationKind::Action => "POST",
                    OperationKind::Function => "GET",
                },
            };
            lines.push(format!("{methods} {}", node.path()));
            true
        },
    );
    lines.sort();
    lines.dedup();
    lines
}
