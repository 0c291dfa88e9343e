//! The rule packs the application serves, loaded once at start from a folder of packs.
//!
//! Decisions record the pack's id and content hash, so a later change of the law files never
//! silently changes what an earlier decision was based on.

use std::path::Path;

use crate::error::{Error, Result};

/// Every loaded pack, in folder-name order.
#[derive(Debug, Default)]
pub struct PackRegistry {
    packs: Vec<rules::Pack>,
}

impl PackRegistry {
    /// Loads every sub-folder of `dir` that holds a `pack.yaml`. A pack that fails validation
    /// stops the start: serving law that does not validate would give wrong answers.
    pub fn load_dir(dir: &Path) -> Result<PackRegistry> {
        let mut folders: Vec<_> = std::fs::read_dir(dir)
            .map_err(|error| {
                Error::Internal(format!("reading packs in {}: {error}", dir.display()))
            })?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.join("pack.yaml").is_file())
            .collect();
        folders.sort();
        let mut packs = Vec::new();
        for folder in folders {
            let pack = rules::load_pack(&folder)
                .map_err(|error| Error::Internal(format!("pack {}: {error}", folder.display())))?;
            packs.push(pack);
        }
        Ok(PackRegistry { packs })
    }

    pub fn packs(&self) -> &[rules::Pack] {
        &self.packs
    }

    pub fn get(&self, pack_id: &str) -> Option<&rules::Pack> {
        self.packs.iter().find(|pack| pack.id == pack_id)
    }

    pub fn pathway(
        &self,
        pack_id: &str,
        pathway_id: &str,
    ) -> Option<(&rules::Pack, &rules::Pathway)> {
        let pack = self.get(pack_id)?;
        Some((pack, pack.pathway(pathway_id)?.1))
    }
}
