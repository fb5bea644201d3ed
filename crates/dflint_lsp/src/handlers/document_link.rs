//! `textDocument/documentLink`: the image of each `FROM` that comes from Docker Hub links to its
//! page there (`hub.docker.com/_/name` for official images, `hub.docker.com/r/ns/name` otherwise).

use tower_lsp_server::ls_types::{DocumentLink, DocumentLinkParams, Uri};

use crate::world::World;

/// Handles `textDocument/documentLink`.
pub fn document_link(world: &World, params: DocumentLinkParams) -> Option<Vec<DocumentLink>> {
    let snap = world.snapshot(&params.text_document.uri)?;
    let model = dflint_model::analyze(&snap.parse);
    let lines = snap.lines();
    let mut out = Vec::new();
    for stage in &model.stages {
        // Ranges are exact only for a reference written without variables.
        if stage.base.raw != stage.base.expanded {
            continue;
        }
        let Some(image) = stage.base.image_ref() else { continue };
        let Some(url) = hub_url(image.registry.as_ref().map(|r| r.0.as_str()), &image.name.0) else { continue };
        let Ok(target) = url.parse::<Uri>() else { continue };
        let whole = image.name.1.cover(image.registry.as_ref().map_or(image.name.1, |r| r.1));
        out.push(DocumentLink {
            range: lines.range(whole),
            target: Some(target),
            tooltip: Some(format!("{} on Docker Hub", image.name.0)),
            data: None,
        });
    }
    Some(out)
}

/// The Docker Hub page of an image, when it is on Docker Hub.
pub fn hub_url(registry: Option<&str>, name: &str) -> Option<String> {
    if !matches!(registry, None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io")) {
        return None;
    }
    let name = name.to_ascii_lowercase();
    match name.strip_prefix("library/").unwrap_or(&name) {
        plain if !plain.contains('/') => Some(format!("https://hub.docker.com/_/{plain}")),
        _ => Some(format!("https://hub.docker.com/r/{name}")),
    }
}
